package io.darkscope.analysis.fingerprint;

import io.darkscope.analysis.Accumulator;
import io.darkscope.analysis.Analysis;
import io.darkscope.analysis.AnalysisTables;
import io.darkscope.analysis.Codec;

/**
 * Scanner fingerprints (Mirai and its variants, ZMap, masscan), decided per source and day from
 * evidence that merges exactly ({@link FingerprintState}). Queries: {@link FingerprintQueries}.
 */
public final class FingerprintAnalysis implements Analysis<FingerprintState> {
    public static final FingerprintAnalysis INSTANCE = new FingerprintAnalysis();

    private FingerprintAnalysis() {
    }

    @Override
    public String name() {
        return "fingerprints";
    }

    /** The observation buffer, and the sort's scratch array of the same size. */
    @Override
    public int bufferShares() {
        return 2;
    }

    @Override
    public Accumulator<FingerprintState> newAccumulator(long memoryBytes) {
        long longs = memoryBytes / bufferShares() / Long.BYTES;
        return new FingerprintAccumulator((int) Math.max(1 << 12, Math.min(1 << 23, longs)));
    }

    @Override
    public Codec<FingerprintState> codec() {
        return new FingerprintCodec();
    }

    @Override
    public AnalysisTables<FingerprintState> tables() {
        return new FingerprintTables();
    }
}
