package io.darkscope.capture;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static io.darkscope.decode.Bytes.i32;
import static io.darkscope.decode.Bytes.i32le;
import static io.darkscope.decode.Bytes.i64;
import static io.darkscope.decode.Bytes.u16;

/**
 * pcapng files: section header, interface description, enhanced, simple and obsolete packet
 * blocks; several interfaces, each with its own link type, {@code if_tsresol} and
 * {@code if_tsoffset}; several sections, each with its own byte order. Other blocks are skipped.
 */
final class PcapngReader extends CaptureReader {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    private static final int MAX_BLOCK = 16 << 20;
    private static final int OPTION_TSRESOL = 9;
    private static final int OPTION_TSOFFSET = 14;

    private boolean bigEndian;
    private final List<Interface> interfaces = new ArrayList<>();
    private long lastNanos;

    PcapngReader(CaptureSource source, byte[] leadingBytes) {
        super(source, new byte[0], leadingBytes);
    }

    @Override
    public String format() {
        return "pcapng" + compressionSuffix();
    }

    @Override
    int parse(FrameBatch batch, int limit, long base) {
        byte[] b = batch.data;
        int p = 0;
        while (limit - p >= 12) {
            int type = i32(b, p, bigEndian);
            if (type == SECTION_HEADER && !readByteOrder(b, p, base)) {
                return p;
            }
            int total = i32(b, p + 4, bigEndian);
            if (total < 12 || (total & 3) != 0 || total > MAX_BLOCK) {
                stop(base + p, "impossible block length " + Integer.toUnsignedString(total) + "; the rest of the file is skipped");
                return p;
            }
            if (limit - p < total) {
                needed = total;
                return p;
            }
            if (i32(b, p + total - 4, bigEndian) != total) {
                stop(base + p, "block length " + total + " does not match its trailing copy; the rest of the file is skipped");
                return p;
            }
            block(batch, type, p, total, base);
            p += total;
        }
        needed = 12;
        return p;
    }

    private boolean readByteOrder(byte[] b, int p, long base) {
        int magic = i32le(b, p + 8);
        if (magic == BYTE_ORDER_MAGIC) {
            bigEndian = false;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            bigEndian = true;
        } else {
            stop(base + p, "section header with an unknown byte-order magic; the rest of the file is skipped");
            return false;
        }
        return true;
    }

    private void block(FrameBatch batch, int type, int p, int total, long base) {
        byte[] b = batch.data;
        switch (type) {
            case SECTION_HEADER:
                interfaces.clear();
                break;
            case INTERFACE_DESCRIPTION:
                if (total >= 20) {
                    interfaces.add(readInterface(b, p, total));
                } else {
                    skip(base + p, "interface description block too short");
                }
                break;
            case ENHANCED_PACKET:
            case OBSOLETE_PACKET:
                packet(batch, type, p, total, base);
                break;
            case SIMPLE_PACKET:
                simplePacket(batch, p, total, base);
                break;
            default:
                break;
        }
    }

    private Interface readInterface(byte[] b, int p, int total) {
        int linkType = u16(b, p + 8, bigEndian);
        int snapLength = i32(b, p + 12, bigEndian);
        int resolution = 6;
        long offsetSeconds = 0;
        int q = p + 16;
        int end = p + total - 4;
        while (end - q >= 4) {
            int code = u16(b, q, bigEndian);
            int length = u16(b, q + 2, bigEndian);
            if (code == 0 || end - q - 4 < length) {
                break;
            }
            if (code == OPTION_TSRESOL && length >= 1) {
                resolution = b[q + 4] & 0xff;
            } else if (code == OPTION_TSOFFSET && length >= 8) {
                offsetSeconds = bigEndian ? i64(b, q + 4) : Long.reverseBytes(i64(b, q + 4));
            }
            q += 4 + ((length + 3) & ~3);
        }
        return new Interface(linkType, snapLength, resolution, offsetSeconds);
    }

    private void packet(FrameBatch batch, int type, int p, int total, long base) {
        byte[] b = batch.data;
        if (total < 32) {
            skip(base + p, "packet block too short");
            return;
        }
        int interfaceId = type == ENHANCED_PACKET ? i32(b, p + 8, bigEndian) : u16(b, p + 8, bigEndian);
        long ticks = ((i32(b, p + 12, bigEndian) & 0xffffffffL) << 32) | (i32(b, p + 16, bigEndian) & 0xffffffffL);
        int captured = i32(b, p + 20, bigEndian);
        int wire = i32(b, p + 24, bigEndian);
        if (captured < 0 || captured > total - 32 || captured > PcapReader.MAX_RECORD) {
            skip(base + p, "packet's captured length " + Integer.toUnsignedString(captured) + " exceeds its block; packet skipped");
            return;
        }
        if (interfaceId < 0 || interfaceId >= interfaces.size()) {
            skip(base + p, "packet names interface " + interfaceId + ", which is not described; packet skipped");
            return;
        }
        Interface itf = interfaces.get(interfaceId);
        lastNanos = itf.toNanos(ticks);
        emit(batch, base + p, p + 28, captured, wire, itf.linkType, lastNanos);
    }

    /** A simple packet block has no timestamp: it takes the previous packet's. */
    private void simplePacket(FrameBatch batch, int p, int total, long base) {
        if (interfaces.isEmpty()) {
            skip(base + p, "simple packet block before any interface description; packet skipped");
            return;
        }
        Interface itf = interfaces.get(0);
        int wire = i32(batch.data, p + 8, bigEndian);
        int captured = Math.min(total - 16, wire < 0 ? Integer.MAX_VALUE : wire);
        if (itf.snapLength > 0) {
            captured = Math.min(captured, itf.snapLength);
        }
        emit(batch, base + p, p + 12, Math.max(0, captured), wire, itf.linkType, lastNanos);
    }

    /** One interface of the current section. */
    private record Interface(int linkType, int snapLength, int resolution, long offsetSeconds) {
        long toNanos(long ticks) {
            long nanos;
            int exponent = resolution & 0x7f;
            if ((resolution & 0x80) == 0) {
                nanos = exponent <= 9 ? ticks * POWERS_OF_TEN[9 - exponent] : Long.divideUnsigned(ticks, POWERS_OF_TEN[Math.min(18, exponent - 9)]);
            } else {
                nanos = BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(1_000_000_000L)).shiftRight(exponent).longValue();
            }
            return nanos + offsetSeconds * 1_000_000_000L;
        }
    }

    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L
    };
}
