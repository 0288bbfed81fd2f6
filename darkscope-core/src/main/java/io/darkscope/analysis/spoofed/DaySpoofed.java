package io.darkscope.analysis.spoofed;

import io.darkscope.analysis.AnalysisState;
import io.darkscope.pipeline.Day;
import org.roaringbitmap.RoaringBitmap;

/** A day's spoofed-looking IPv4 packets: per {@link SpoofKind}, packets and distinct sources. Merges by sums and unions. */
public final class DaySpoofed implements AnalysisState<DaySpoofed> {
    private static final SpoofKind[] KINDS = SpoofKind.values();

    private final Day day;
    final long[] packets = new long[KINDS.length];
    final RoaringBitmap[] sources = new RoaringBitmap[KINDS.length];

    DaySpoofed(Day day) {
        this.day = day;
        for (int k = 0; k < KINDS.length; k++) {
            sources[k] = new RoaringBitmap();
        }
    }

    @Override
    public Day day() {
        return day;
    }

    /** Counts a packet of the kinds set in {@code kinds} (bits by ordinal). */
    void add(int kinds, int source) {
        for (int k = 0; kinds != 0; k++, kinds >>>= 1) {
            if ((kinds & 1) != 0) {
                packets[k]++;
                sources[k].add(source);
            }
        }
    }

    @Override
    public DaySpoofed merge(DaySpoofed other) {
        for (int k = 0; k < KINDS.length; k++) {
            packets[k] += other.packets[k];
            sources[k].or(other.sources[k]);
        }
        return this;
    }
}
