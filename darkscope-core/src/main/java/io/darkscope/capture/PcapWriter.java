package io.darkscope.capture;

import java.io.IOException;
import java.io.OutputStream;

import static io.darkscope.decode.Bytes.putI32;
import static io.darkscope.decode.Bytes.putI32le;

/** Writes a classic pcap file of one link type, microsecond or nanosecond, in either byte order. */
public final class PcapWriter extends CaptureWriter {
    private final boolean nanos;
    private final boolean bigEndian;

    /** A little-endian pcap, as tcpdump writes on x86. */
    public PcapWriter(OutputStream out, int linkType, boolean nanos) throws IOException {
        this(out, linkType, nanos, false, 262_144);
    }

    public PcapWriter(OutputStream out, int linkType, boolean nanos, boolean bigEndian, int snapLength) throws IOException {
        super(out);
        this.nanos = nanos;
        this.bigEndian = bigEndian;
        byte[] b = reserve(PcapReader.HEADER_LENGTH);
        put32(b, 0, nanos ? PcapReader.MAGIC_NANOS : PcapReader.MAGIC_MICROS);
        put32(b, 4, bigEndian ? (2 << 16) | 4 : (4 << 16) | 2);
        put32(b, 8, 0);
        put32(b, 12, 0);
        put32(b, 16, snapLength);
        put32(b, 20, linkType);
        position += PcapReader.HEADER_LENGTH;
    }

    private void put32(byte[] b, int i, int v) {
        if (bigEndian) {
            putI32(b, i, v);
        } else {
            putI32le(b, i, v);
        }
    }

    @Override
    public void write(long timestampNanos, byte[] frame, int offset, int capturedLength, int wireLength) throws IOException {
        byte[] b = reserve(16 + capturedLength);
        int p = position;
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        long fraction = Math.floorMod(timestampNanos, 1_000_000_000L);
        put32(b, p, (int) seconds);
        put32(b, p + 4, (int) (nanos ? fraction : fraction / 1000));
        put32(b, p + 8, capturedLength);
        put32(b, p + 12, wireLength);
        System.arraycopy(frame, offset, b, p + 16, capturedLength);
        position = p + 16 + capturedLength;
    }
}
