package io.darkscope.analysis;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Unsigned LEB128 integers, for codecs whose numbers are mostly small. */
public final class Varint {
    private Varint() {
    }

    public static void write(DataOutput out, long value) throws IOException {
        while ((value & ~0x7fL) != 0) {
            out.writeByte((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    public static long read(DataInput in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("varint longer than 64 bits");
    }

    /** A count or length that must fit in an int and not exceed {@code max}. */
    public static int readInt(DataInput in, int max) throws IOException {
        long v = read(in);
        if (v < 0 || v > max) {
            throw new IOException("length " + v + " out of range (at most " + max + ")");
        }
        return (int) v;
    }
}
