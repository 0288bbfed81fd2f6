package io.darkscope.analysis.scan;

import java.util.List;

/**
 * Decodes the records of a run's chunks, in order, into one reused {@link ScanRecord}, letting go
 * of each chunk once read, so that a merge holds no more than its inputs. A reader may keep to one
 * range of sources ({@link RecordWriter#range}).
 */
final class RecordReader {
    private static final int ALL = -1;

    private final Chunk[] chunks;
    private final int range;
    private int chunk = -1;
    private byte[] bytes = new byte[0];
    private int position;
    private int source;
    private int code;
    private long sigFields;
    private long sigKinds;
    private int destination;

    RecordReader(List<Chunk> chunks) {
        this.chunks = chunks.toArray(new Chunk[0]);
        this.range = ALL;
    }

    /** Reads the records of one range of sources only. */
    RecordReader(List<Chunk> chunks, int range) {
        this.chunks = chunks.stream().filter(c -> RecordWriter.range(c.firstSource()) <= range && range <= RecordWriter.range(c.lastSource()))
                .toArray(Chunk[]::new);
        this.range = range;
    }

    /** Reads the next record into {@code r}; false at the end. */
    boolean next(ScanRecord r) {
        if (range == ALL) {
            return decode(r);
        }
        while (decode(r)) {
            int at = RecordWriter.range(r.source);
            if (at == range) {
                return true;
            }
            if (at > range) { // a chunk written before chunks kept to ranges
                return false;
            }
        }
        return false;
    }

    private boolean decode(ScanRecord r) {
        while (position == bytes.length) {
            if (chunk + 1 == chunks.length) {
                return false;
            }
            if (chunk >= 0) {
                chunks[chunk] = null;
            }
            bytes = chunks[++chunk].bytes();
            position = 0;
            source = 0;
            sigFields = 0;
            sigKinds = 0;
            destination = 0;
        }
        int flags = bytes[position++];
        if ((flags & RecordWriter.NEW_SOURCE) != 0) {
            source = (int) ((source & 0xffffffffL) + varint());
        }
        if ((flags & RecordWriter.NEW_KEY) != 0) {
            code = (int) varint();
            if ((flags & RecordWriter.SAME_SIGNATURE) == 0) {
                sigFields = varint();
                sigKinds = varint();
            }
        }
        r.source = source;
        r.code = code;
        r.sigFields = sigFields;
        r.sigKinds = sigKinds;
        r.bucket = (int) varint();
        r.bytes = varint();
        r.first = (int) varint();
        if ((flags & RecordWriter.MANY) != 0) {
            r.packets = varint() + 1;
            r.last = r.first + (int) varint();
            r.destinationCount = (int) varint() + 1;
        } else {
            r.packets = 1;
            r.last = r.first;
            r.destinationCount = 1;
        }
        readDestinations(r);
        return true;
    }

    private void readDestinations(ScanRecord r) {
        r.ensure(r.destinationCount);
        long zigzag = varint();
        long d = (destination & 0xffffffffL) + (zigzag >>> 1 ^ -(zigzag & 1));
        r.destinations[0] = (int) d;
        for (int i = 1; i < r.destinationCount; i++) {
            d += varint() + 1;
            r.destinations[i] = (int) d;
        }
        destination = r.destinations[0];
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = bytes[position++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }
}
