package io.darkscope.analysis.fingerprint;

import io.darkscope.analysis.AnalysisState;
import io.darkscope.pipeline.Day;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The scanner fingerprints' evidence of one day: per source, in ascending address order, how
 * many Mirai SYNs it sent and the lowest and highest IP ID among them, and how many other SYNs
 * it sent, and of those how many carried ZMap's mark and how many masscan's. Every summary
 * merges by sums, minima and maxima, so any split of a day's packets gives the same state;
 * {@link #results} decides each source's fingerprints from it.
 */
public final class FingerprintState implements AnalysisState<FingerprintState> {
    private final Day day;
    int size;
    int[] sources;
    int[] mirai;
    /** The Mirai SYNs' lowest IP ID in the upper 16 bits, their highest in the lower. */
    int[] miraiIds;
    int[] syns;
    int[] zmap;
    int[] masscan;

    FingerprintState(Day day, int capacity) {
        this.day = day;
        sources = new int[capacity];
        mirai = new int[capacity];
        miraiIds = new int[capacity];
        syns = new int[capacity];
        zmap = new int[capacity];
        masscan = new int[capacity];
    }

    @Override
    public Day day() {
        return day;
    }

    /** Number of sources with evidence. */
    public int size() {
        return size;
    }

    /** Grows the arrays to hold at least {@code capacity} sources. */
    void ensureCapacity(int capacity) {
        if (capacity > sources.length) {
            int n = Math.max(capacity, sources.length + (sources.length >> 1));
            sources = Arrays.copyOf(sources, n);
            mirai = Arrays.copyOf(mirai, n);
            miraiIds = Arrays.copyOf(miraiIds, n);
            syns = Arrays.copyOf(syns, n);
            zmap = Arrays.copyOf(zmap, n);
            masscan = Arrays.copyOf(masscan, n);
        }
    }

    /** Appends a source above every source already here. */
    void append(int source, int miraiCount, int ids, int synCount, int zmapCount, int masscanCount) {
        set(size++, source, miraiCount, ids, synCount, zmapCount, masscanCount);
    }

    /**
     * Merges in place, from the end backwards into room made at the end, so that folding runs
     * into a day of millions of sources does not allocate a new day each time.
     */
    @Override
    public FingerprintState merge(FingerprintState other) {
        if (other.size == 0) {
            return this;
        }
        ensureCapacity(size + other.size);
        int i = size - 1;
        int j = other.size - 1;
        int out = size + other.size - 1;
        while (j >= 0) {
            int c = i < 0 ? -1 : Integer.compareUnsigned(sources[i], other.sources[j]);
            if (c > 0) {
                move(i--, out--);
            } else if (c < 0) {
                set(out--, other.sources[j], other.mirai[j], other.miraiIds[j], other.syns[j], other.zmap[j], other.masscan[j]);
                j--;
            } else {
                set(out--, sources[i], add(mirai[i], other.mirai[j]), ids(mirai[i], miraiIds[i], other.mirai[j], other.miraiIds[j]),
                        add(syns[i], other.syns[j]), add(zmap[i], other.zmap[j]), add(masscan[i], other.masscan[j]));
                i--;
                j--;
            }
        }
        int gap = out - i; // sources both had: the merged run starts that much further on
        if (gap > 0) {
            for (int[] column : new int[][] {sources, mirai, miraiIds, syns, zmap, masscan}) {
                System.arraycopy(column, out + 1, column, i + 1, size + other.size - out - 1);
            }
        }
        size += other.size - gap;
        return this;
    }

    private void move(int from, int to) {
        set(to, sources[from], mirai[from], miraiIds[from], syns[from], zmap[from], masscan[from]);
    }

    private void set(int at, int source, int miraiCount, int ids, int synCount, int zmapCount, int masscanCount) {
        sources[at] = source;
        mirai[at] = miraiCount;
        miraiIds[at] = ids;
        syns[at] = synCount;
        zmap[at] = zmapCount;
        masscan[at] = masscanCount;
    }

    /** Counts saturate rather than wrap: no source sends 2^31 packets a day to a darknet, but a damaged store might say so. */
    static int add(int a, int b) {
        long sum = (long) a + b;
        return sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sum;
    }

    /** The IP ID range of two sources' Mirai SYNs together; a side without Mirai SYNs has no range. */
    static int ids(int miraiA, int idsA, int miraiB, int idsB) {
        if (miraiA == 0) {
            return idsB;
        }
        if (miraiB == 0) {
            return idsA;
        }
        int low = Math.min(idsA >>> 16, idsB >>> 16);
        int high = Math.max(idsA & 0xffff, idsB & 0xffff);
        return low << 16 | high;
    }

    /** A fingerprint's packets and sources on this day. */
    public record Result(long packets, RoaringBitmap sources) {
    }

    /**
     * Every fingerprint's packets and sources, decided per source: a Mirai variant by its IP IDs
     * (two values or more: leaked; one over two packets or more: early; one packet: undetermined),
     * ZMap and masscan by {@link Fingerprint#beyondChance} over its other SYNs.
     */
    public Map<Fingerprint, Result> results() {
        Map<Fingerprint, Tally> tallies = new EnumMap<>(Fingerprint.class);
        for (Fingerprint f : Fingerprint.values()) {
            tallies.put(f, new Tally());
        }
        for (int i = 0; i < size; i++) {
            int source = sources[i];
            if (mirai[i] > 0) {
                Fingerprint variant = (miraiIds[i] >>> 16) != (miraiIds[i] & 0xffff) ? Fingerprint.MIRAI_LEAKED
                        : mirai[i] >= Fingerprint.MINIMUM_EVIDENCE ? Fingerprint.MIRAI_EARLY : Fingerprint.MIRAI_UNDETERMINED;
                tallies.get(Fingerprint.MIRAI).add(source, mirai[i]);
                tallies.get(variant).add(source, mirai[i]);
            }
            if (Fingerprint.beyondChance(zmap[i], syns[i])) {
                tallies.get(Fingerprint.ZMAP).add(source, zmap[i]);
            }
            if (Fingerprint.beyondChance(masscan[i], syns[i])) {
                tallies.get(Fingerprint.MASSCAN).add(source, masscan[i]);
            }
        }
        Map<Fingerprint, Result> results = new EnumMap<>(Fingerprint.class);
        tallies.forEach((f, t) -> results.put(f, new Result(t.packets, t.sources.get())));
        return results;
    }

    /** Packets and sources of one fingerprint; sources arrive in ascending order. */
    private static final class Tally {
        private final RoaringBitmapWriter<RoaringBitmap> sources = RoaringBitmapWriter.writer().get();
        private long packets;

        void add(int source, long n) {
            packets += n;
            sources.add(source);
        }
    }
}
