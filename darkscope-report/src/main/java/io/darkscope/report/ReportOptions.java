package io.darkscope.report;

import io.darkscope.analysis.traffic.PortSpec;

import java.util.List;
import java.util.Locale;

/**
 * What a report covers.
 *
 * @param year       the calendar year
 * @param country    the country of the country view (Figure 5), or null for none
 * @param ports      ports to draw in Figure 4 besides those the event detector found
 * @param topPorts   ports in Figure 3
 */
public record ReportOptions(int year, String country, List<PortSpec> ports, int topPorts) {
    public ReportOptions {
        if (year < 1970 || year > 9999) {
            throw new IllegalArgumentException("--year must be a calendar year, got " + year);
        }
        if (country != null && !country.matches("[A-Za-z]{2}")) {
            throw new IllegalArgumentException("--country must be a two-letter ISO code, got '" + country + "'");
        }
        country = country == null ? null : country.toUpperCase(Locale.ROOT);
        ports = List.copyOf(ports);
        if (topPorts < 1) {
            throw new IllegalArgumentException("--top must be positive, got " + topPorts);
        }
    }

    /** The defaults of the CLI for a year: no extra ports, the top 10 ports. */
    public static ReportOptions of(int year, String country) {
        return new ReportOptions(year, country, List.of(), 10);
    }
}
