package io.darkscope.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Unsigned reads from a byte array, in network or little-endian order, without bounds beyond the JVM's own. */
public final class Bytes {
    private static final VarHandle BE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    public static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    public static int u16(byte[] b, int i) {
        return (short) BE_SHORT.get(b, i) & 0xffff;
    }

    public static int i32(byte[] b, int i) {
        return (int) BE_INT.get(b, i);
    }

    public static long i64(byte[] b, int i) {
        return (long) BE_LONG.get(b, i);
    }

    public static int u16le(byte[] b, int i) {
        return (short) LE_SHORT.get(b, i) & 0xffff;
    }

    public static int i32le(byte[] b, int i) {
        return (int) LE_INT.get(b, i);
    }

    /** Reads a 16-bit value in the given order. */
    public static int u16(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? u16(b, i) : u16le(b, i);
    }

    /** Reads a 32-bit value in the given order. */
    public static int i32(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? i32(b, i) : i32le(b, i);
    }

    public static void putU16(byte[] b, int i, int v) {
        BE_SHORT.set(b, i, (short) v);
    }

    public static void putI32(byte[] b, int i, int v) {
        BE_INT.set(b, i, v);
    }

    public static void putI64(byte[] b, int i, long v) {
        BE_LONG.set(b, i, v);
    }

    public static void putU16le(byte[] b, int i, int v) {
        LE_SHORT.set(b, i, (short) v);
    }

    public static void putI32le(byte[] b, int i, int v) {
        LE_INT.set(b, i, v);
    }
}
