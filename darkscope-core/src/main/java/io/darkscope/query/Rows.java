package io.darkscope.query;

import java.time.LocalDate;
import java.util.List;

/** The rows the statistics queries answer with; the CLI and the HTTP API print them as they are. */
public final class Rows {
    private Rows() {
    }

    /** Seed Table 1: a year's packets, monitored IPv4 addresses, and IPv4 packets per address. */
    public record Year(int year, long packets, long addresses, Double packetsPerAddress) {
    }

    /** Packets of a day or slot by protocol class. */
    public record Packets(long tcp, long udp, long icmp, long other, long total) {
    }

    /** Distinct sources of a day: all, and per protocol class. */
    public record Sources(long all, long tcp, long udp, long icmp) {
    }

    /** Seed Figures 1 and 2: one day's packets and distinct sources. */
    public record Day(LocalDate date, Packets packets, Sources sources) {
    }

    /** Seed Figure 3: a destination port's packets, share of all darknet packets, and distinct sources over the range. */
    public record Port(int port, String proto, long packets, double share, long sources) {
    }

    /** Seed Figure 4: distinct sources that sent to any of the given ports on a day. */
    public record DaySources(LocalDate date, long sources) {
    }

    /** A fingerprint's (or traffic class's) days: first and last seen, and packets and distinct sources each day. */
    public record Fingerprint(String fingerprint, LocalDate firstSeen, LocalDate lastSeen, List<FingerprintDay> days) {
    }

    /** One day of a fingerprint. */
    public record FingerprintDay(LocalDate date, long packets, long sources) {
    }

    /**
     * A DoS attack inferred from backscatter: the victim, when, how much backscatter, the peak
     * backscatter rate (packets per second over the busiest minute), and the attack rate that
     * implies, scaled by the darknet's share of the IPv4 space (the spoofed sources being uniform).
     */
    public record DosAttack(String victim, String firstSeen, String lastSeen, long packets, long durationSeconds,
                            double peakPacketsPerSecond, double estimatedAttackPacketsPerSecond, String ports) {
    }

    /** The kind of an event that is one country's spike on a port (key "JP 23/tcp"). */
    public static final String COUNTRY_SPIKE = "country-spike";

    /**
     * An outbreak: a port, a fingerprint or a country on a port whose distinct sources rose
     * (kind "rise"), appeared (kind "new") or spiked in one country (kind "country-spike"); when,
     * how far above its baseline, and who the new sources are ("BR=456" and "AS17676 name=12").
     */
    public record Event(String kind, String key, LocalDate onset, LocalDate peakDate, long peakSources, double baseline,
                        double growth, LocalDate end, List<String> topCountries, List<String> topNetworks) {
    }

    /** Packets in one 5-minute or hourly slot; {@code time} is the slot's start in the store's zone. */
    public record Slot(String time, long tcp, long udp, long icmp, long other, long total) {
    }
}
