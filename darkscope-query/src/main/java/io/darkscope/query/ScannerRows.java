package io.darkscope.query;

import java.time.LocalDate;

/** The rows about scanners the query service answers with: survey scanners and large-scale ones. */
public final class ScannerRows {
    private ScannerRows() {
    }

    /**
     * A large-scale scanner in one clock hour, with the survey list naming it (null if none) and
     * where it is at query time.
     */
    public record Large(String source, String hour, long destinations, long threshold, String listedAs, String country, String network) {
    }

    /** A day's survey-scanner packets and sources, and their shares of all darknet packets and sources. */
    public record SurveyDay(LocalDate date, long packets, long sources, double packetShare, double sourceShare) {
    }

    /** An organisation's survey scanners over a range: distinct addresses seen, packets, share of all packets. */
    public record Organisation(String organisation, String type, long sources, long packets, double share) {
    }
}
