package io.darkscope.capture;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the records of one capture file into {@link FrameBatch}es. Subclasses know a format
 * (pcap, pcapng); this class does the buffering, carries an incomplete record from one batch
 * into the next, and turns damage into {@link CaptureProblem}s instead of exceptions: a reader
 * always yields every complete record that precedes the damage. It checksums the decompressed
 * bytes it consumes, which is the capture's {@link #identity}, and can leave out the records
 * that start before an offset (those of a capture already counted that has grown since).
 *
 * <p>Open one with {@link Captures#open}.
 */
public abstract class CaptureReader implements Closeable {
    private static final int READ_CHUNK = 1 << 20;

    private final CaptureSource source;
    private final List<CaptureProblem> problems = new ArrayList<>();
    private byte[] carry;
    private int carryLength;
    private long streamOffset;
    private boolean endOfStream;
    private boolean readFailed;
    private boolean stopped;
    private long records;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;
    private final ContentChecksum digest = new ContentChecksum();
    private final ContentChecksum prefix = new ContentChecksum();
    private long consumed;
    private long countFrom;
    /** Bytes the incomplete record at the end of the last parse needs in all. */
    protected int needed;

    /**
     * @param header       the file header, already read and consumed
     * @param leadingBytes bytes already read that the first parse begins with
     */
    CaptureReader(CaptureSource source, byte[] header, byte[] leadingBytes) {
        this.source = source;
        this.carry = Arrays.copyOf(leadingBytes, Math.max(leadingBytes.length, 1 << 16));
        this.carryLength = leadingBytes.length;
        this.streamOffset = header.length + leadingBytes.length;
        consume(header, 0, header.length);
    }

    /** A short description of the format, e.g. "pcap, nanosecond, big-endian, gzip". */
    public abstract String format();

    /**
     * Parses complete records from {@code batch.data[0, limit)} into the batch.
     *
     * @param base stream offset of {@code batch.data[0]}, for problem reports
     * @return the index of the first byte not consumed (the start of an incomplete record)
     */
    abstract int parse(FrameBatch batch, int limit, long base);

    /**
     * Fills the batch with the next records. Returns false when the file has no more records.
     * Damage does not throw: it is recorded in {@link #problems()} and ends or skips as documented.
     */
    public final boolean next(FrameBatch batch) {
        batch.clear();
        while (batch.count == 0) {
            if (stopped || (endOfStream && carryLength == 0)) {
                return false;
            }
            readInto(batch);
        }
        records += batch.count;
        for (int i = 0; i < batch.count; i++) {
            long t = batch.timestampNanos[i];
            firstNanos = Math.min(firstNanos, t);
            lastNanos = Math.max(lastNanos, t);
        }
        return true;
    }

    private void readInto(FrameBatch batch) {
        if (batch.data.length < carryLength + READ_CHUNK) {
            batch.data = new byte[Math.max(FrameBatch.DEFAULT_BYTES, carryLength + READ_CHUNK)];
        }
        byte[] data = batch.data;
        long base = streamOffset - carryLength;
        System.arraycopy(carry, 0, data, 0, carryLength);
        int limit = fill(data, carryLength);
        carryLength = 0;
        needed = 0;
        int consumed;
        try {
            consumed = parse(batch, limit, base);
        } catch (RuntimeException e) { // a parser bug must not cost the run: keep the records before it, say what failed
            stop(base, "unexpected error while parsing (" + e + "); the rest of the file is skipped");
            batch.clear();
            return;
        }
        consume(data, 0, consumed);
        batch.dataLength = consumed;
        int rest = limit - consumed;
        if (readFailed) {
            stopped = true;
        }
        if (stopped || rest == 0) {
            return;
        }
        if (endOfStream) {
            stop(base + consumed, "file ends inside a record: " + rest + " of " + Math.max(needed, rest + 1)
                    + " bytes present; the records before it are kept");
            return;
        }
        if (carry.length < Math.max(rest, needed)) {
            carry = new byte[Math.max(rest, needed)];
        }
        System.arraycopy(data, consumed, carry, 0, rest);
        carryLength = rest;
    }

    private int fill(byte[] data, int from) {
        int limit = from;
        try {
            while (limit < data.length && !endOfStream) {
                int n = source.stream().read(data, limit, Math.min(READ_CHUNK, data.length - limit));
                if (n < 0) {
                    endOfStream = true;
                } else {
                    limit += n;
                    streamOffset += n;
                    if (source.streaming()) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            endOfStream = true;
            readFailed = true;
            problem(streamOffset, source.compression().isEmpty() ? "read error: " + describe(e)
                    : source.compression() + " stream damaged: " + describe(e) + "; the records before it are kept", true);
        }
        return limit;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private void consume(byte[] data, int from, int length) {
        digest.update(data, from, length);
        int forPrefix = (int) Math.min(length, CaptureIdentity.PREFIX_BYTES - consumed);
        if (forPrefix > 0) {
            prefix.update(data, from, forPrefix);
        }
        consumed += length;
    }

    /** Leaves out the records that start before {@code offset} of the decompressed bytes: they were counted before. */
    public void countFrom(long offset) {
        countFrom = offset;
    }

    /** Adds a record to the batch unless it starts before the offset counting begins at. */
    final void emit(FrameBatch batch, long recordOffset, int frameOffset, int captured, int wire, int linkType, long nanos) {
        if (recordOffset >= countFrom) {
            batch.add(frameOffset, captured, wire, linkType, nanos);
        }
    }

    /** The identity of what was read so far: after the last batch, the capture's. */
    public CaptureIdentity identity() {
        return new CaptureIdentity(consumed, digest.hex(), (int) Math.min(consumed, CaptureIdentity.PREFIX_BYTES), prefix.hex());
    }

    /** Records a problem that ends the reading of this file after the records already parsed. */
    final void stop(long offset, String reason) {
        problem(offset, reason, true);
        stopped = true;
    }

    /** Records a problem that skips one record and goes on. */
    final void skip(long offset, String reason) {
        problem(offset, reason, false);
    }

    private void problem(long offset, String reason, boolean fatal) {
        if (problems.size() < 100) {
            problems.add(new CaptureProblem(offset, reason, fatal));
        }
    }

    /** What went wrong in this file so far (at most 100 entries). */
    public List<CaptureProblem> problems() {
        return List.copyOf(problems);
    }

    /** Records read so far. */
    public long records() {
        return records;
    }

    /** Earliest record timestamp, nanoseconds since the epoch, or {@code Long.MAX_VALUE} if none. */
    public long firstTimestampNanos() {
        return firstNanos;
    }

    /** Latest record timestamp, nanoseconds since the epoch, or {@code Long.MIN_VALUE} if none. */
    public long lastTimestampNanos() {
        return lastNanos;
    }

    /** Bytes of the file as stored (compressed, if it is) read so far: for progress. */
    public long storedBytesRead() {
        return source.storedBytesRead();
    }

    final String compressionSuffix() {
        return source.compression().isEmpty() ? "" : ", " + source.compression();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
