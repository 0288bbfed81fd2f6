package io.darkscope.capture;

import static io.darkscope.decode.Bytes.i32;

/**
 * Classic libpcap files: microsecond or nanosecond timestamps, either byte order, and the
 * "modified" (Kuznetzov) variant with 24-byte record headers.
 */
final class PcapReader extends CaptureReader {
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int MAGIC_MODIFIED = 0xa1b2cd34;
    static final int HEADER_LENGTH = 24;
    /** libpcap's own ceiling on a record's captured length. */
    private static final int MAX_SNAPLEN = 262_144;

    private final boolean bigEndian;
    private final boolean nanos;
    private final int recordHeaderLength;
    private final int snapLength;
    private final int linkType;
    private final int maxCaptured;

    PcapReader(CaptureSource source, byte[] header, boolean bigEndian, int magic) {
        super(source, new byte[0], HEADER_LENGTH);
        this.bigEndian = bigEndian;
        this.nanos = magic == MAGIC_NANOS;
        this.recordHeaderLength = magic == MAGIC_MODIFIED ? 24 : 16;
        this.snapLength = i32(header, 16, bigEndian);
        this.linkType = i32(header, 20, bigEndian) & 0xffff;
        this.maxCaptured = Math.max(MAX_SNAPLEN, snapLength);
    }

    int linkType() {
        return linkType;
    }

    @Override
    public String format() {
        return "pcap, " + (nanos ? "nanosecond" : "microsecond") + ", " + (bigEndian ? "big" : "little") + "-endian"
                + (recordHeaderLength == 24 ? ", modified" : "") + ", link type " + linkType + compressionSuffix();
    }

    @Override
    int parse(FrameBatch batch, int limit, long base) {
        byte[] b = batch.data;
        long fractionScale = nanos ? 1 : 1000;
        int p = 0;
        while (limit - p >= recordHeaderLength) {
            int captured = i32(b, p + 8, bigEndian);
            if (captured < 0 || captured > maxCaptured) {
                stop(base + p, "impossible record length " + Integer.toUnsignedString(captured)
                        + " (snap length " + snapLength + "); the rest of the file is skipped");
                return p;
            }
            int recordLength = recordHeaderLength + captured;
            if (limit - p < recordLength) {
                needed = recordLength;
                return p;
            }
            long seconds = i32(b, p, bigEndian) & 0xffffffffL;
            long fraction = i32(b, p + 4, bigEndian) & 0xffffffffL;
            int wire = i32(b, p + 12, bigEndian);
            batch.add(p + recordHeaderLength, captured, wire, linkType, seconds * 1_000_000_000L + fraction * fractionScale);
            p += recordLength;
        }
        needed = recordHeaderLength;
        return p;
    }
}
