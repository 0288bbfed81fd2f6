package io.darkscope.query;

import java.time.LocalDate;
import java.util.List;

/**
 * An outbreak: a port, a fingerprint or a country on a port whose distinct sources rose (kind
 * "rise"), appeared (kind "new") or spiked in one country (kind "country-spike"); when, how far
 * above its baseline, and who the new sources are ("BR=456" and "AS17676 name=12"). A country
 * spike's baseline is what the movement of its port's other sources predicted on its peak day.
 */
public record Event(String kind, String key, LocalDate onset, LocalDate peakDate, long peakSources, double baseline,
                    double growth, LocalDate end, List<String> topCountries, List<String> topNetworks) {
    /** The kind of an event that is one country's spike on a port (key "JP 23/tcp"). */
    public static final String COUNTRY_SPIKE = "country-spike";
}
