package io.darkscope.analysis.spoofed;

import io.darkscope.analysis.Accumulator;
import io.darkscope.analysis.Analysis;
import io.darkscope.analysis.AnalysisTables;
import io.darkscope.analysis.Codec;

/** Spoofed-looking packets by {@link SpoofKind}, per day: packets and distinct sources. Queries: {@link SpoofedQueries}. */
public final class SpoofedAnalysis implements Analysis<DaySpoofed> {
    public static final SpoofedAnalysis INSTANCE = new SpoofedAnalysis();

    private SpoofedAnalysis() {
    }

    @Override
    public String name() {
        return "spoofed";
    }

    @Override
    public int bufferShares() {
        return 0;
    }

    @Override
    public Accumulator<DaySpoofed> newAccumulator(long memoryBytes) {
        return new SpoofedAccumulator();
    }

    @Override
    public Codec<DaySpoofed> codec() {
        return new SpoofedCodec();
    }

    @Override
    public AnalysisTables<DaySpoofed> tables() {
        return new SpoofedTables();
    }
}
