package io.darkscope.geo;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * IPv4 address ranges, each labelled (a country code, an AS), sorted and without overlaps, for
 * counting a whole set of sources at once: walking a sorted bitmap against the sorted ranges
 * costs one pass, where looking each source up would cost a search each.
 */
public final class RangeTable {
    private final long[] starts;
    private final long[] ends;
    private final int[] labels;
    private final List<String> names;
    private int[][] rangesByLabel;

    private RangeTable(long[] starts, long[] ends, int[] labels, List<String> names) {
        this.starts = starts;
        this.ends = ends;
        this.labels = labels;
        this.names = names;
    }

    /** Collects ranges in any order, then sorts them, clips overlaps (the range starting first wins) and joins neighbours with the same label. */
    public static final class Builder {
        private final LongArrayList starts = new LongArrayList();
        private final LongArrayList ends = new LongArrayList();
        private final IntArrayList labels = new IntArrayList();
        private final List<String> names = new ArrayList<>();
        private final java.util.Map<String, Integer> index = new java.util.HashMap<>();

        /** Adds [first, last] (unsigned IPv4 values) labelled {@code name}. */
        public Builder add(long first, long last, String name) {
            if (first > last) {
                return this;
            }
            starts.add(first);
            ends.add(last);
            labels.add(index.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            }));
            return this;
        }

        public RangeTable build() {
            Integer[] order = new Integer[starts.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(starts.getLong(a), starts.getLong(b)));
            LongArrayList s = new LongArrayList();
            LongArrayList e = new LongArrayList();
            IntArrayList l = new IntArrayList();
            for (int i : order) {
                long first = starts.getLong(i);
                long last = ends.getLong(i);
                int label = labels.getInt(i);
                int n = s.size();
                if (n > 0 && first <= e.getLong(n - 1)) {
                    first = e.getLong(n - 1) + 1;
                    if (first > last) {
                        continue;
                    }
                }
                if (n > 0 && l.getInt(n - 1) == label && first == e.getLong(n - 1) + 1) {
                    e.set(n - 1, last);
                } else {
                    s.add(first);
                    e.add(last);
                    l.add(label);
                }
            }
            return new RangeTable(s.toLongArray(), e.toLongArray(), l.toIntArray(), List.copyOf(names));
        }
    }

    /** Ranges already sorted, apart and labelled (saved ones: {@link RangeCache}). */
    static RangeTable of(long[] starts, long[] ends, int[] labels, List<String> names) {
        return new RangeTable(starts, ends, labels, List.copyOf(names));
    }

    /** Number of distinct labels; label indexes run from 0 to this, exclusive. */
    public int labelCount() {
        return names.size();
    }

    public String name(int label) {
        return names.get(label);
    }

    /** Number of ranges. */
    public int size() {
        return starts.length;
    }

    /** The label index of an address, or -1 when no range holds it. */
    public int labelOf(int address) {
        int i = rangeOf(Integer.toUnsignedLong(address));
        return i < 0 ? -1 : labels[i];
    }

    /** The range holding the address (it is in [start, end] of that range), or -1. */
    private int rangeOf(long address) {
        int i = Arrays.binarySearch(starts, address);
        if (i < 0) {
            i = -i - 2;
        }
        return i >= 0 && address <= ends[i] ? i : -1;
    }

    public long start(int range) {
        return starts[range];
    }

    public long end(int range) {
        return ends[range];
    }

    int label(int range) {
        return labels[range];
    }

    /**
     * How many of the addresses fall in each label's ranges; the last element counts those in
     * no range. One walk through the sorted addresses, searching only when a jump is needed.
     */
    public long[] count(ImmutableRoaringBitmap addresses) {
        long[] counts = new long[labelCount() + 1];
        int range = 0;
        for (IntIterator it = addresses.getIntIterator(); it.hasNext(); ) {
            long a = Integer.toUnsignedLong(it.next());
            if (range >= starts.length || a > ends[range]) {
                range = nextRange(a, range);
            }
            if (range < starts.length && a >= starts[range]) {
                counts[labels[range]]++;
            } else {
                counts[counts.length - 1]++;
            }
        }
        return counts;
    }

    /** The first range whose end is at or after {@code a}, searching forward from {@code from}. */
    private int nextRange(long a, int from) {
        int step = 1;
        int hi = from;
        while (hi < ends.length && ends[hi] < a) {
            from = hi;
            hi += step;
            step <<= 1;
        }
        int lo = from;
        hi = Math.min(hi, ends.length);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] < a) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many of the addresses fall in the ranges of one label. */
    public long count(ImmutableRoaringBitmap addresses, int label) {
        long n = 0;
        for (int range : rangesOf(label)) {
            n += addresses.rangeCardinality(starts[range], ends[range] + 1);
        }
        return n;
    }

    /** The ranges of one label, in address order. */
    public int[] rangesOf(int label) {
        if (rangesByLabel == null) {
            IntArrayList[] lists = new IntArrayList[labelCount()];
            for (int r = 0; r < labels.length; r++) {
                if (lists[labels[r]] == null) {
                    lists[labels[r]] = new IntArrayList();
                }
                lists[labels[r]].add(r);
            }
            int[][] byLabel = new int[labelCount()][];
            for (int l = 0; l < byLabel.length; l++) {
                byLabel[l] = lists[l] == null ? new int[0] : lists[l].toIntArray();
            }
            rangesByLabel = byLabel;
        }
        return rangesByLabel[label];
    }

    /** The label index of a name, or -1. */
    public int labelOf(String name) {
        return names.indexOf(name);
    }
}
