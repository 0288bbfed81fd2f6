package io.darkscope.analysis.scan;

import io.darkscope.analysis.Accumulator;
import io.darkscope.analysis.Analysis;
import io.darkscope.analysis.AnalysisTables;
import io.darkscope.analysis.Codec;

/**
 * Every IPv4 source's activity by traffic type and 10-minute bucket ({@link DayScans}): the scan
 * events, the large-scale scanners, the SYN signatures and the survey scanners' packets are cut
 * from it at query time ({@link ScanQueries}).
 */
public final class ScanAnalysis implements Analysis<DayScans> {
    public static final ScanAnalysis INSTANCE = new ScanAnalysis();
    /** Bytes a buffered packet takes: key, value and destination, and as much again to sort them. */
    private static final int ENTRY_BYTES = 2 * (8 + 8 + 4);

    private ScanAnalysis() {
    }

    @Override
    public String name() {
        return "scans";
    }

    /** Five eighths of a long a packet, twice. */
    @Override
    public int bufferShares() {
        return 5;
    }

    @Override
    public Accumulator<DayScans> newAccumulator(long memoryBytes) {
        return new ScanAccumulator((int) Math.max(1 << 12, Math.min(1 << 22, memoryBytes / ENTRY_BYTES)));
    }

    @Override
    public Codec<DayScans> codec() {
        return new ScanCodec();
    }

    @Override
    public AnalysisTables<DayScans> tables() {
        return new ScanTables();
    }
}
