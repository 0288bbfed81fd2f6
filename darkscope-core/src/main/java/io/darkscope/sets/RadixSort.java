package io.darkscope.sets;

/**
 * Least-significant-digit radix sort of longs on their low 63 bits (e.g. a key above a 32-bit
 * source address), stable, so the sign bit travels with its value as a flag. Eight-bit digits;
 * a digit that is the same in every value costs no pass. It owns a scratch array that callers
 * may also borrow between sorts.
 */
public final class RadixSort {
    public static final long SORT_MASK = Long.MAX_VALUE;
    private static final int DIGITS = 8;

    private long[] scratch = new long[0];
    private final int[][] counts = new int[DIGITS][256];

    /** Sorts {@code values[from, to)}. */
    public void sort(long[] values, int from, int to) {
        int n = to - from;
        long[] spare = scratch(values.length);
        histogram(values, from, to);
        long[] src = values;
        int srcOffset = from;
        long[] dst = spare;
        int dstOffset = 0;
        for (int digit = 0; digit < DIGITS; digit++) {
            int[] count = counts[digit];
            if (!prefixSums(count, n)) {
                continue;
            }
            int shift = digit * 8;
            for (int i = srcOffset, end = srcOffset + n; i < end; i++) {
                long v = src[i];
                dst[dstOffset + count[(int) ((v & SORT_MASK) >>> shift) & 0xff]++] = v;
            }
            long[] t = src;
            src = dst;
            dst = t;
            int o = srcOffset;
            srcOffset = dstOffset;
            dstOffset = o;
        }
        if (src != values) {
            System.arraycopy(src, srcOffset, values, from, n);
        }
    }

    /** A scratch array of at least {@code length}, valid until the next sort. */
    public long[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new long[length];
        }
        return scratch;
    }

    /** Takes {@code array} as the new scratch array, so that a caller can swap buffers without copying. */
    public void replaceScratch(long[] array) {
        scratch = array;
    }

    private void histogram(long[] values, int from, int to) {
        for (int[] c : counts) {
            java.util.Arrays.fill(c, 0);
        }
        int[] c0 = counts[0], c1 = counts[1], c2 = counts[2], c3 = counts[3];
        int[] c4 = counts[4], c5 = counts[5], c6 = counts[6], c7 = counts[7];
        for (int i = from; i < to; i++) {
            long v = values[i] & SORT_MASK;
            c0[(int) v & 0xff]++;
            c1[(int) (v >>> 8) & 0xff]++;
            c2[(int) (v >>> 16) & 0xff]++;
            c3[(int) (v >>> 24) & 0xff]++;
            c4[(int) (v >>> 32) & 0xff]++;
            c5[(int) (v >>> 40) & 0xff]++;
            c6[(int) (v >>> 48) & 0xff]++;
            c7[(int) (v >>> 56) & 0xff]++;
        }
    }

    /** Turns counts into start positions; false when one bucket holds everything (nothing to move). */
    private static boolean prefixSums(int[] count, int n) {
        int sum = 0;
        for (int d = 0; d < 256; d++) {
            int c = count[d];
            if (c == n) {
                return false;
            }
            count[d] = sum;
            sum += c;
        }
        return true;
    }
}
