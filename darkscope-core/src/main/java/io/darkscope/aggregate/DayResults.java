package io.darkscope.aggregate;

import java.time.LocalDate;

/** All that the analyses found on one day: traffic statistics, fingerprints, backscatter. Merges part by part. */
public record DayResults(DayTraffic traffic, DayFingerprints fingerprints, DayBackscatter backscatter) {
    public LocalDate date() {
        return traffic.date();
    }

    /** Adds {@code other}, of the same day, into this one and returns this. */
    public DayResults merge(DayResults other) {
        traffic.merge(other.traffic);
        fingerprints.merge(other.fingerprints);
        backscatter.merge(other.backscatter);
        return this;
    }
}
