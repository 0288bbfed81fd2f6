package io.darkscope.testing;


import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The statistics computed the slow, obvious way, with hash sets, from the generator's truth:
 * the independent reference for everything darkscope counts.
 */
public final class Reference {
    /** One day's expected statistics. */
    public static final class Day {
        public final Map<Integer, Long> packets = new TreeMap<>();
        public final Map<Integer, Long> bytes = new TreeMap<>();
        public final Map<Integer, Set<String>> protocolSources = new HashMap<>();
        public final Map<String, Long> portPackets = new HashMap<>();
        public final Map<String, Set<String>> portSources = new HashMap<>();
        public final Set<String> sources = new HashSet<>();
        public long ipv6Packets;

        public long total() {
            return packets.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Distinct sources of the ports, e.g. "23/6". */
        public long sourcesOf(String... ports) {
            Set<String> union = new HashSet<>();
            for (String p : ports) {
                union.addAll(portSources.getOrDefault(p, Set.of()));
            }
            return union.size();
        }

        /** Distinct sources of the protocols together. */
        public long sourcesOfProtocols(int... protocols) {
            Set<String> union = new HashSet<>();
            for (int p : protocols) {
                union.addAll(protocolSources.getOrDefault(p, Set.of()));
            }
            return union.size();
        }
    }

    private Reference() {
    }

    /** The darknet packets' statistics per day in {@code zone}. */
    public static Map<LocalDate, Day> of(List<SyntheticTraffic.Packet> packets, ZoneId zone) {
        Map<LocalDate, Day> days = new TreeMap<>();
        for (SyntheticTraffic.Packet p : packets) {
            if (!p.darknet()) {
                continue;
            }
            LocalDate date = LocalDate.ofInstant(Instant.ofEpochSecond(p.epochSecond()), zone);
            Day d = days.computeIfAbsent(date, x -> new Day());
            d.packets.merge(p.protocol(), 1L, Long::sum);
            d.bytes.merge(p.protocol(), (long) p.ipLength(), Long::sum);
            d.protocolSources.computeIfAbsent(p.protocol(), x -> new HashSet<>()).add(p.source());
            String port = (p.dstPort() < 0 ? "none" : Integer.toString(p.dstPort())) + "/" + p.protocol();
            d.portPackets.merge(port, 1L, Long::sum);
            d.portSources.computeIfAbsent(port, x -> new HashSet<>()).add(p.source());
            d.sources.add(p.source());
            if (p.ipv6()) {
                d.ipv6Packets++;
            }
        }
        return days;
    }

    /** "23/6" for TCP port 23; "none/1" for ICMP. */
    public static String port(int port, int protocol) {
        return (port < 0 ? "none" : Integer.toString(port)) + "/" + protocol;
    }
}
