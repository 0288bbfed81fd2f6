package io.darkscope.analysis.backscatter;

import io.darkscope.analysis.Accumulator;
import io.darkscope.analysis.Analysis;
import io.darkscope.analysis.AnalysisTables;
import io.darkscope.analysis.Codec;

/** Backscatter by DoS victim, from which {@link DosQueries} cuts attacks (Moore et al. 2001). */
public final class BackscatterAnalysis implements Analysis<DayBackscatter> {
    public static final BackscatterAnalysis INSTANCE = new BackscatterAnalysis();

    private BackscatterAnalysis() {
    }

    @Override
    public String name() {
        return "backscatter";
    }

    @Override
    public int bufferShares() {
        return 0;
    }

    @Override
    public Accumulator<DayBackscatter> newAccumulator(long memoryBytes) {
        return new BackscatterAccumulator();
    }

    @Override
    public Codec<DayBackscatter> codec() {
        return new BackscatterCodec();
    }

    @Override
    public AnalysisTables<DayBackscatter> tables() {
        return new BackscatterTables();
    }
}
