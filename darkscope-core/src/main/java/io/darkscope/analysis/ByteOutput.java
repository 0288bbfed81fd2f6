package io.darkscope.analysis;

import java.io.DataOutput;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array written through {@link DataOutput}, big-endian, unsynchronised: what the
 * codecs write millions of varints into ({@code DataOutputStream} over a
 * {@code ByteArrayOutputStream} costs a synchronised call per byte).
 */
public final class ByteOutput implements DataOutput {
    private byte[] bytes;
    private int length;

    public ByteOutput(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** Writes an unsigned LEB128 integer, as {@link Varint} does, without its checked exception. */
    public void writeVarint(long value) {
        ensure(10); // the longest varint of a long: one check, not one a byte
        byte[] b = bytes;
        int n = length;
        while ((value & ~0x7fL) != 0) {
            b[n++] = (byte) (value & 0x7f | 0x80);
            value >>>= 7;
        }
        b[n++] = (byte) value;
        length = n;
    }

    /** Forgets what was written, keeping the room. */
    public void reset() {
        length = 0;
    }

    /** Bytes written so far. */
    public int length() {
        return length;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    @Override
    public void writeBoolean(boolean v) {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(int v) {
        write(v);
    }

    @Override
    public void writeShort(int v) {
        ensure(2);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    @Override
    public void writeChar(int v) {
        writeShort(v);
    }

    @Override
    public void writeInt(int v) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (v >>> shift);
        }
    }

    @Override
    public void writeLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (v >>> shift);
        }
    }

    @Override
    public void writeFloat(float v) {
        writeInt(Float.floatToIntBits(v));
    }

    @Override
    public void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    @Override
    public void writeBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            write(s.charAt(i));
        }
    }

    @Override
    public void writeChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            writeChar(s.charAt(i));
        }
    }

    /** Writes a length-prefixed string: only the short ASCII names of analyses are written this way. */
    @Override
    public void writeUTF(String s) throws UTFDataFormatException {
        byte[] utf = s.getBytes(StandardCharsets.UTF_8);
        if (utf.length > 0xffff || utf.length != s.length()) {
            throw new UTFDataFormatException("only short ASCII names are written: " + s);
        }
        writeShort(utf.length);
        write(utf);
    }
}
