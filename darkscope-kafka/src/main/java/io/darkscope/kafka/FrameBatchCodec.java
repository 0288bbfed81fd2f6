package io.darkscope.kafka;

import io.darkscope.capture.FrameBatch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A batch of captured frames as a sensor publishes it to Kafka (one record) and the Flink job
 * reads it back. Version 1, big-endian:
 *
 * <pre>
 *   "DF" and the version                 3 bytes
 *   run                                  8   the publisher's run: a restarted sensor's batches differ from its earlier ones
 *   sequence                             8   per partition and run: 0, 1, 2... so that a batch sent twice is dropped once read
 *   latest frame timestamp, ns           8   the batch's event time, read without its frames
 *   first frame timestamp, ns            8
 *   frames                               4
 *   sensor id                            2 + UTF-8
 *   per frame, as unsigned LEB128 varints: link type, timestamp minus the previous frame's (zigzag; the
 *   first frame's minus the first timestamp), wire length, captured length; then the captured bytes
 * </pre>
 *
 * A frame costs its bytes and about six more.
 */
public final class FrameBatchCodec {
    /** The version this class writes and reads. */
    public static final int VERSION = 1;
    private static final byte MAGIC_0 = 'D';
    private static final byte MAGIC_1 = 'F';
    private static final int FIXED_HEADER = 3 + 8 + 8 + 8 + 8 + 4;
    private static final int MAX_SENSOR_BYTES = 255;

    private FrameBatchCodec() {
    }

    /** What a batch's header says. */
    public record Header(String sensor, long run, long sequence, long latestNanos, long firstNanos, int frames, int framesOffset) {
    }

    /** Frames gathered into one batch; reused after {@link #clear}. */
    public static final class Builder {
        private byte[] frames = new byte[1 << 16];
        private int length;
        private int count;
        private long firstNanos;
        private long previousNanos;
        private long latestNanos = Long.MIN_VALUE;

        /** Adds one frame. */
        public void add(int linkType, long timestampNanos, int wireLength, byte[] data, int offset, int capturedLength) {
            ensure(4 * 10 + capturedLength);
            if (count == 0) {
                firstNanos = timestampNanos;
                previousNanos = timestampNanos;
            }
            length = putVarint(frames, length, linkType);
            length = putVarint(frames, length, zigzag(timestampNanos - previousNanos));
            length = putVarint(frames, length, wireLength);
            length = putVarint(frames, length, capturedLength);
            System.arraycopy(data, offset, frames, length, capturedLength);
            length += capturedLength;
            previousNanos = timestampNanos;
            latestNanos = Math.max(latestNanos, timestampNanos);
            count++;
        }

        private void ensure(int more) {
            if (length + more > frames.length) {
                frames = Arrays.copyOf(frames, Math.max(frames.length * 2, length + more));
            }
        }

        /** Bytes of the frames gathered so far. */
        public int bytes() {
            return length;
        }

        public int count() {
            return count;
        }

        /** The encoded batch. */
        public byte[] build(String sensor, long run, long sequence) {
            byte[] name = sensor.getBytes(StandardCharsets.UTF_8);
            if (name.length > MAX_SENSOR_BYTES) {
                throw new IllegalArgumentException("sensor id longer than " + MAX_SENSOR_BYTES + " bytes: " + sensor);
            }
            ByteBuffer out = ByteBuffer.allocate(FIXED_HEADER + 2 + name.length + length);
            out.put(MAGIC_0).put(MAGIC_1).put((byte) VERSION).putLong(run).putLong(sequence).putLong(latestNanos).putLong(firstNanos)
                    .putInt(count);
            out.putShort((short) name.length).put(name);
            out.put(frames, 0, length);
            return out.array();
        }

        /** Empties the builder for the next batch. */
        public void clear() {
            length = 0;
            count = 0;
            latestNanos = Long.MIN_VALUE;
        }
    }

    /**
     * Reads a batch's header.
     *
     * @throws IllegalArgumentException if the bytes are not a frame batch of this version
     */
    public static Header header(byte[] batch) {
        if (batch.length < FIXED_HEADER + 2 || batch[0] != MAGIC_0 || batch[1] != MAGIC_1) {
            throw new IllegalArgumentException("not a darkscope frame batch (" + batch.length + " bytes)");
        }
        if (batch[2] != VERSION) {
            throw new IllegalArgumentException("a frame batch of version " + batch[2] + ", this darkscope reads version " + VERSION);
        }
        ByteBuffer in = ByteBuffer.wrap(batch, 3, batch.length - 3);
        long run = in.getLong();
        long sequence = in.getLong();
        long latest = in.getLong();
        long first = in.getLong();
        int frames = in.getInt();
        int nameLength = Short.toUnsignedInt(in.getShort());
        if (frames < 0 || in.remaining() < nameLength) {
            throw new IllegalArgumentException("damaged frame batch header");
        }
        String sensor = new String(batch, in.position(), nameLength, StandardCharsets.UTF_8);
        return new Header(sensor, run, sequence, latest, first, frames, in.position() + nameLength);
    }

    /**
     * Appends a batch's frames to a frame batch.
     *
     * @throws IllegalArgumentException if the frames are cut short or damaged
     */
    public static void appendTo(byte[] batch, Header header, FrameBatch into) {
        int[] at = {header.framesOffset()};
        long nanos = header.firstNanos();
        for (int i = 0; i < header.frames(); i++) {
            int linkType = (int) varint(batch, at);
            nanos += unzigzag(varint(batch, at));
            int wire = (int) varint(batch, at);
            int captured = (int) varint(batch, at);
            if (captured < 0 || captured > batch.length - at[0]) {
                throw new IllegalArgumentException("damaged frame batch: frame " + i + " runs past its end");
            }
            into.append(linkType, nanos, wire, batch, at[0], captured);
            at[0] += captured;
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static int putVarint(byte[] out, int at, long value) {
        while ((value & ~0x7fL) != 0) {
            out[at++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out[at++] = (byte) value;
        return at;
    }

    private static long varint(byte[] in, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= in.length) {
                throw new IllegalArgumentException("damaged frame batch: cut short");
            }
            int b = in[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("damaged frame batch: varint longer than 64 bits");
    }
}
