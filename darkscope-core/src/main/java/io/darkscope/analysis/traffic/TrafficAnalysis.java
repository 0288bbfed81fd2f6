package io.darkscope.analysis.traffic;

import io.darkscope.analysis.Accumulator;
import io.darkscope.analysis.Analysis;
import io.darkscope.analysis.AnalysisTables;
import io.darkscope.analysis.Codec;

/**
 * The traffic statistics of the seed report (Table 1, Figures 1 to 4): per day, packets and
 * bytes per protocol, packets per 5 minutes, and packets and exact distinct sources per
 * destination port, protocol and traffic class. Queries: {@link TrafficQueries}.
 */
public final class TrafficAnalysis implements Analysis<DayTraffic> {
    public static final TrafficAnalysis INSTANCE = new TrafficAnalysis();
    /** Bytes of a pair in the accumulator's buffer. */
    private static final int PAIR_BYTES = 8;

    private TrafficAnalysis() {
    }

    @Override
    public String name() {
        return "traffic";
    }

    /** The pair buffer, and the scratch array of its sort. */
    @Override
    public int bufferShares() {
        return 2;
    }

    @Override
    public Accumulator<DayTraffic> newAccumulator(long memoryBytes) {
        long pairs = memoryBytes / bufferShares() / PAIR_BYTES;
        return new TrafficAccumulator((int) Math.max(1 << 12, Math.min(1 << 26, pairs)));
    }

    @Override
    public Codec<DayTraffic> codec() {
        return new TrafficCodec();
    }

    @Override
    public AnalysisTables<DayTraffic> tables() {
        return new TrafficTables();
    }
}
