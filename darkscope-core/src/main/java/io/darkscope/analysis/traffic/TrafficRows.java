package io.darkscope.analysis.traffic;

import java.time.LocalDate;

/** The rows the traffic queries answer with; the CLI and the HTTP API print them as they are. */
public final class TrafficRows {
    private TrafficRows() {
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

    /** Packets in one 5-minute or hourly slot; {@code time} is the slot's start in the store's zone. */
    public record Slot(String time, long tcp, long udp, long icmp, long other, long total) {
    }
}
