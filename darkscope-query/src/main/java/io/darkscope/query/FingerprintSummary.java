package io.darkscope.query;

import io.darkscope.analysis.fingerprint.FingerprintQueries;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * A fingerprint (or traffic class) over a range in one line: its first and last day, how many
 * days it was seen, its busiest day by distinct sources (the earliest of equals) and their
 * number, and its packets.
 */
public record FingerprintSummary(String fingerprint, LocalDate firstSeen, LocalDate lastSeen, int days, LocalDate peakDate,
                                 long peakSources, long packets) {
    static FingerprintSummary of(FingerprintQueries.Row row) {
        FingerprintQueries.FingerprintDay peak = row.days().stream()
                .max(Comparator.comparingLong(FingerprintQueries.FingerprintDay::sources)
                        .thenComparing(FingerprintQueries.FingerprintDay::date, Comparator.reverseOrder()))
                .orElseThrow();
        long packets = row.days().stream().mapToLong(FingerprintQueries.FingerprintDay::packets).sum();
        return new FingerprintSummary(row.fingerprint(), row.firstSeen(), row.lastSeen(), row.days().size(), peak.date(), peak.sources(), packets);
    }
}
