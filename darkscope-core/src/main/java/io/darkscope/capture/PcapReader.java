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
    /**
     * libpcap's own ceiling on a record's captured length (256 KiB), beyond any link's MTU: a
     * longer record is a lie, whatever snap length the header claims.
     */
    static final int MAX_RECORD = 262_144;

    private final boolean bigEndian;
    private final boolean nanos;
    private final int recordHeaderLength;
    private final int snapLength;
    private final int linkType;

    PcapReader(CaptureSource source, byte[] header, boolean bigEndian, int magic) {
        super(source, header, new byte[0]);
        this.bigEndian = bigEndian;
        this.nanos = magic == MAGIC_NANOS;
        this.recordHeaderLength = magic == MAGIC_MODIFIED ? 24 : 16;
        this.snapLength = i32(header, 16, bigEndian);
        this.linkType = i32(header, 20, bigEndian) & 0xffff;
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
            long captured = i32(b, p + 8, bigEndian) & 0xffffffffL;
            if (captured > MAX_RECORD) {
                stop(base + p, "impossible record length " + captured + " (more than " + MAX_RECORD + " bytes, snap length "
                        + Integer.toUnsignedString(snapLength) + "); the rest of the file is skipped");
                return p;
            }
            int recordLength = recordHeaderLength + (int) captured;
            if (limit - p < recordLength) {
                needed = recordLength;
                return p;
            }
            long seconds = i32(b, p, bigEndian) & 0xffffffffL;
            long fraction = i32(b, p + 4, bigEndian) & 0xffffffffL;
            int wire = i32(b, p + 12, bigEndian);
            emit(batch, base + p, p + recordHeaderLength, (int) captured, wire, linkType, seconds * 1_000_000_000L + fraction * fractionScale);
            p += recordLength;
        }
        needed = recordHeaderLength;
        return p;
    }
}
