package io.darkscope.analysis;

import io.darkscope.analysis.backscatter.BackscatterAnalysis;
import io.darkscope.analysis.fingerprint.FingerprintAnalysis;
import io.darkscope.analysis.scan.ScanAnalysis;
import io.darkscope.analysis.spoofed.SpoofedAnalysis;
import io.darkscope.analysis.traffic.TrafficAnalysis;

import java.util.List;

/** The registered analyses: every packet pipeline runs them all, and the store keeps their tables. */
public final class Analyses {
    private static final List<Analysis<?>> ALL = List.of(
            TrafficAnalysis.INSTANCE,
            FingerprintAnalysis.INSTANCE,
            BackscatterAnalysis.INSTANCE,
            SpoofedAnalysis.INSTANCE,
            ScanAnalysis.INSTANCE);

    private Analyses() {
    }

    /** Every analysis, in a fixed order: the index of one is its place in {@link DayStates}. */
    public static List<Analysis<?>> all() {
        return ALL;
    }

    static int indexOf(Analysis<?> analysis) {
        int i = ALL.indexOf(analysis);
        if (i < 0) {
            throw new IllegalArgumentException("analysis " + analysis.name() + " is not registered in Analyses");
        }
        return i;
    }
}
