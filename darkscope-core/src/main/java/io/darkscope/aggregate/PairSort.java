package io.darkscope.aggregate;

/**
 * Least-significant-digit radix sort of longs on their low 57 bits (a {@link TrafficKey} above
 * a 32-bit source address), stable, so bits above 57 travel with their value. Eight-bit
 * digits; a digit that is the same in every value costs no pass.
 */
final class PairSort {
    static final long SORT_MASK = (1L << 57) - 1;
    private static final int DIGITS = 8;

    private long[] scratch = new long[0];
    private final int[][] counts = new int[DIGITS][256];

    void sort(long[] values, int n) {
        if (scratch.length < n) {
            scratch = new long[values.length];
        }
        histogram(values, n);
        long[] from = values;
        long[] to = scratch;
        for (int digit = 0; digit < DIGITS; digit++) {
            int[] count = counts[digit];
            if (!prefixSums(count, n)) {
                continue;
            }
            int shift = digit * 8;
            for (int i = 0; i < n; i++) {
                long v = from[i];
                to[count[(int) ((v & SORT_MASK) >>> shift) & 0xff]++] = v;
            }
            long[] t = from;
            from = to;
            to = t;
        }
        if (from != values) {
            System.arraycopy(from, 0, values, 0, n);
        }
    }

    private void histogram(long[] values, int n) {
        for (int[] c : counts) {
            java.util.Arrays.fill(c, 0);
        }
        int[] c0 = counts[0], c1 = counts[1], c2 = counts[2], c3 = counts[3];
        int[] c4 = counts[4], c5 = counts[5], c6 = counts[6], c7 = counts[7];
        for (int i = 0; i < n; i++) {
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
