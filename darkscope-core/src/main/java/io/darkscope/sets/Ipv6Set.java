package io.darkscope.sets;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An exact set of IPv6 addresses, kept as a sorted array of (high, low) 64-bit pairs. IPv6
 * sources are rare on darknets, so a plain sorted array beats anything cleverer.
 */
public final class Ipv6Set {
    private static final long[] NONE = new long[0];
    /** An empty set; do not add to it. */
    public static final Ipv6Set EMPTY = new Ipv6Set();
    /** Sorted, distinct, two longs per address. */
    private long[] pairs;
    private int size;
    private long[] pending = NONE;
    private int pendingSize;

    public Ipv6Set() {
        pairs = NONE;
    }

    private Ipv6Set(long[] sortedPairs, int size) {
        this.pairs = sortedPairs;
        this.size = size;
    }

    /** Adds an address; additions are sorted in on the next read. */
    public void add(long high, long low) {
        if (pendingSize + 2 > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(16, pending.length * 2));
        }
        pending[pendingSize++] = high;
        pending[pendingSize++] = low;
    }

    /** An independent copy. */
    public Ipv6Set copy() {
        settle();
        return new Ipv6Set(Arrays.copyOf(pairs, 2 * size), size);
    }

    /** Number of distinct addresses. */
    public int size() {
        settle();
        return size;
    }

    /** Adds every address of {@code other}. */
    public void or(Ipv6Set other) {
        other.settle();
        settle();
        merge(other.pairs, other.size);
    }

    /** Whether the address is in the set. */
    public boolean contains(long high, long low) {
        settle();
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(pairs[2 * mid], pairs[2 * mid + 1], high, low);
            if (c == 0) {
                return true;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    /** 16 bytes per address, sorted, big-endian. */
    public byte[] toBytes() {
        settle();
        ByteBuffer out = ByteBuffer.allocate(size * 16);
        for (int i = 0; i < 2 * size; i++) {
            out.putLong(pairs[i]);
        }
        return out.array();
    }

    public static Ipv6Set fromBytes(byte[] bytes) {
        if (bytes.length % 16 != 0) {
            throw new IllegalArgumentException("IPv6 set blob of " + bytes.length + " bytes is not a multiple of 16");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long[] pairs = new long[bytes.length / 8];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = in.getLong();
        }
        return new Ipv6Set(pairs, pairs.length / 2);
    }

    private void settle() {
        if (pendingSize == 0) {
            return;
        }
        int n = pendingSize / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long[] p = pending;
        Arrays.sort(order, (a, b) -> compare(p[2 * a], p[2 * a + 1], p[2 * b], p[2 * b + 1]));
        long[] sorted = new long[2 * n];
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            long high = p[2 * order[i]];
            long low = p[2 * order[i] + 1];
            if (distinct == 0 || sorted[2 * distinct - 2] != high || sorted[2 * distinct - 1] != low) {
                sorted[2 * distinct] = high;
                sorted[2 * distinct + 1] = low;
                distinct++;
            }
        }
        pending = NONE;
        pendingSize = 0;
        merge(sorted, distinct);
    }

    private void merge(long[] other, int otherSize) {
        long[] out = new long[2 * (size + otherSize)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < size || j < otherSize) {
            int c = i == size ? 1 : j == otherSize ? -1
                    : compare(pairs[2 * i], pairs[2 * i + 1], other[2 * j], other[2 * j + 1]);
            long[] from = c <= 0 ? pairs : other;
            int at = c <= 0 ? i : j;
            out[2 * n] = from[2 * at];
            out[2 * n + 1] = from[2 * at + 1];
            n++;
            if (c <= 0) {
                i++;
            }
            if (c >= 0) {
                j++;
            }
        }
        pairs = out;
        size = n;
    }

    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int c = Long.compareUnsigned(aHigh, bHigh);
        return c != 0 ? c : Long.compareUnsigned(aLow, bLow);
    }
}
