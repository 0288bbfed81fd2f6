package io.darkscope.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import static io.darkscope.decode.Bytes.putI32;
import static io.darkscope.decode.Bytes.putI32le;
import static io.darkscope.decode.Bytes.putU16;
import static io.darkscope.decode.Bytes.putU16le;

/**
 * Writes a pcapng section in either byte order: interfaces with their own link type and
 * timestamp resolution, and enhanced packet blocks.
 */
public final class PcapngWriter extends CaptureWriter {
    private final boolean bigEndian;
    private final List<Integer> decimalResolutions = new ArrayList<>();

    public PcapngWriter(OutputStream out, boolean bigEndian) throws IOException {
        super(out);
        this.bigEndian = bigEndian;
        byte[] b = reserve(28);
        int p = position;
        put32(b, p, PcapngReader.SECTION_HEADER);
        put32(b, p + 4, 28);
        put32(b, p + 8, 0x1A2B3C4D);
        put16(b, p + 12, 1);
        put16(b, p + 14, 0);
        put32(b, p + 16, -1); // section length unknown
        put32(b, p + 20, -1);
        put32(b, p + 24, 28);
        position = p + 28;
    }

    /**
     * Describes an interface and returns its id.
     *
     * @param decimalResolution timestamps count units of 10^-decimalResolution seconds (6 = microseconds, 9 = nanoseconds)
     */
    public int addInterface(int linkType, int snapLength, int decimalResolution) throws IOException {
        int total = 20 + 8 + 4;
        byte[] b = reserve(total);
        int p = position;
        put32(b, p, 1);
        put32(b, p + 4, total);
        put16(b, p + 8, linkType);
        put16(b, p + 10, 0);
        put32(b, p + 12, snapLength);
        put16(b, p + 16, 9); // if_tsresol
        put16(b, p + 18, 1);
        b[p + 20] = (byte) decimalResolution;
        b[p + 21] = 0;
        b[p + 22] = 0;
        b[p + 23] = 0;
        put32(b, p + 24, 0); // opt_endofopt
        put32(b, p + 28, total);
        position = p + total;
        decimalResolutions.add(decimalResolution);
        return decimalResolutions.size() - 1;
    }

    @Override
    public void write(long timestampNanos, byte[] frame, int offset, int capturedLength, int wireLength) throws IOException {
        write(0, timestampNanos, frame, offset, capturedLength, wireLength);
    }

    /** Appends an enhanced packet block on the given interface. */
    public void write(int interfaceId, long timestampNanos, byte[] frame, int offset, int capturedLength, int wireLength) throws IOException {
        int padded = (capturedLength + 3) & ~3;
        int total = 32 + padded;
        byte[] b = reserve(total);
        int p = position;
        long ticks = toTicks(timestampNanos, decimalResolutions.get(interfaceId));
        put32(b, p, 6);
        put32(b, p + 4, total);
        put32(b, p + 8, interfaceId);
        put32(b, p + 12, (int) (ticks >>> 32));
        put32(b, p + 16, (int) ticks);
        put32(b, p + 20, capturedLength);
        put32(b, p + 24, wireLength);
        System.arraycopy(frame, offset, b, p + 28, capturedLength);
        for (int i = p + 28 + capturedLength; i < p + 28 + padded; i++) {
            b[i] = 0;
        }
        put32(b, p + total - 4, total);
        position = p + total;
    }

    private static long toTicks(long nanos, int decimalResolution) {
        long ticks = nanos;
        for (int r = 9; r > decimalResolution; r--) {
            ticks /= 10;
        }
        for (int r = 9; r < decimalResolution; r++) {
            ticks *= 10;
        }
        return ticks;
    }

    private void put32(byte[] b, int i, int v) {
        if (bigEndian) {
            putI32(b, i, v);
        } else {
            putI32le(b, i, v);
        }
    }

    private void put16(byte[] b, int i, int v) {
        if (bigEndian) {
            putU16(b, i, v);
        } else {
            putU16le(b, i, v);
        }
    }
}
