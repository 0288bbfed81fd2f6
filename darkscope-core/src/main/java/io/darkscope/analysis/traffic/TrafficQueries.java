package io.darkscope.analysis.traffic;

import io.darkscope.decode.IpProtocol;
import io.darkscope.sets.PartedSets;
import io.darkscope.sets.SourceSet;
import io.darkscope.store.DateRanges;
import io.darkscope.store.Store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics behind the seed report's Table 1 and Figures 1 to 4, answered from the store.
 * Distinct sources over several days, ports or parts are unions of the stored bitmaps, never sums.
 * Date bounds are inclusive; a null bound is open.
 */
public final class TrafficQueries {
    private final Store store;
    private final Connection db;

    public TrafficQueries(Store store) {
        this.store = store;
        this.db = store.connection();
    }

    /** One row per year: packets, IPv4 addresses monitored (mean over the days with data), IPv4 packets per address. */
    public List<TrafficRows.Year> yearly() throws SQLException {
        List<TrafficRows.Year> years = new ArrayList<>();
        String sql = "WITH d AS (SELECT day, sum(packets) AS p, sum(packets - ipv6_packets) AS p4 FROM day_totals GROUP BY day) "
                + "SELECT year(d.day) AS y, sum(p), sum(p4), avg(m.ipv4_addresses) FROM d JOIN day_monitored m ON m.day = d.day "
                + "GROUP BY y ORDER BY y";
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long addresses = Math.round(r.getDouble(4));
                Double perAddress = addresses == 0 ? null : r.getLong(3) / (double) addresses;
                years.add(new TrafficRows.Year(r.getInt(1), r.getLong(2), addresses, perAddress));
            }
        }
        return years;
    }

    /** Packets by protocol class and distinct sources per day. */
    public List<TrafficRows.Day> daily(LocalDate from, LocalDate to) throws SQLException {
        Map<LocalDate, PartedSets> all = new TreeMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT day, " + PartedSets.columns("day") + " FROM day_totals WHERE day BETWEEN ? AND ?")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    all.computeIfAbsent(r.getObject(1, LocalDate.class), d -> new PartedSets()).add(r, 2);
                }
            }
        }
        Map<LocalDate, DayCounts> counts = new HashMap<>();
        String sql = "SELECT day, protocol, packets, " + PartedSets.columns("day, protocol") + ", "
                + "CASE WHEN protocol IN (1, 58) THEN sources_ipv4 END, CASE WHEN protocol IN (1, 58) THEN sources_ipv6 END "
                + "FROM day_protocol WHERE day BETWEEN ? AND ?";
        try (PreparedStatement s = db.prepareStatement(sql)) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.computeIfAbsent(r.getObject(1, LocalDate.class), d -> new DayCounts()).add(r);
                }
            }
        }
        List<TrafficRows.Day> days = new ArrayList<>();
        all.forEach((day, sources) -> days.add(counts.getOrDefault(day, new DayCounts()).row(day, sources.cardinality())));
        return days;
    }

    /** One day's packets by protocol class and its sources per class, gathered from its protocols' rows. */
    private static final class DayCounts {
        final long[] packets = new long[4];
        final PartedSets tcp = new PartedSets();
        final PartedSets udp = new PartedSets();
        final List<SourceSet> icmp = new ArrayList<>();

        void add(ResultSet r) throws SQLException {
            int protocol = r.getInt(2);
            packets[ProtocolClass.of(protocol).ordinal()] += r.getLong(3);
            if (protocol == IpProtocol.TCP) {
                tcp.add(r, 4);
            } else if (protocol == IpProtocol.UDP) {
                udp.add(r, 4);
            } else if (ProtocolClass.of(protocol) == ProtocolClass.ICMP) {
                icmp.add(SourceSet.fromBytes(r.getBytes(8), r.getBytes(9)));
            }
        }

        TrafficRows.Day row(LocalDate day, long allSources) {
            long total = packets[0] + packets[1] + packets[2] + packets[3];
            return new TrafficRows.Day(day, new TrafficRows.Packets(packets[0], packets[1], packets[2], packets[3], total),
                    new TrafficRows.Sources(allSources, tcp.cardinality(), udp.cardinality(), SourceSet.union(icmp).cardinality()));
        }
    }

    /**
     * Destination ports ranked by packets over the range.
     *
     * @param top      how many ports, or 0 for all
     * @param protocol only this IP protocol, or null for every protocol with ports
     */
    public List<TrafficRows.Port> ports(LocalDate from, LocalDate to, int top, Integer protocol) throws SQLException {
        long total = totalPackets(from, to);
        String sql = "WITH ranked AS (SELECT protocol, port, sum(packets) AS p FROM day_port WHERE day BETWEEN ? AND ? "
                + "AND port IS NOT NULL AND (? IS NULL OR protocol = ?) GROUP BY protocol, port ORDER BY p DESC, protocol, port LIMIT ?) "
                + "SELECT r.protocol, r.port, r.p, " + PartedSets.columns("d.protocol, d.port") + " FROM ranked r "
                + "JOIN day_port d ON d.protocol = r.protocol AND d.port = r.port AND d.day BETWEEN ? AND ? "
                + "ORDER BY r.p DESC, r.protocol, r.port";
        Map<Integer, PortRow> rows = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement(sql)) {
            DateRanges.bind(s, 1, from, to);
            s.setObject(3, protocol);
            s.setObject(4, protocol);
            s.setLong(5, top > 0 ? top : Long.MAX_VALUE);
            DateRanges.bind(s, 6, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.computeIfAbsent(TrafficKey.of(r.getInt(1), r.getInt(2)), k -> new PortRow()).add(r);
                }
            }
        }
        List<TrafficRows.Port> ports = new ArrayList<>(rows.size());
        rows.forEach((key, row) -> ports.add(new TrafficRows.Port(TrafficKey.port(key), IpProtocol.name(TrafficKey.protocol(key)),
                row.packets, total == 0 ? 0 : row.packets / (double) total, row.sources.cardinality())));
        return ports;
    }

    /** A ranked port's packets over the range, and its sources from every day and part. */
    private static final class PortRow {
        long packets;
        final PartedSets sources = new PartedSets();

        void add(ResultSet r) throws SQLException {
            packets = r.getLong(3);
            sources.add(r, 4);
        }
    }

    /** Packets per (protocol, port) key ({@link TrafficKey}) over the range, every port with packets; {@code protocol} null for all. */
    public Map<Integer, Long> portPackets(LocalDate from, LocalDate to, Integer protocol) throws SQLException {
        Map<Integer, Long> packets = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT protocol, port, sum(packets) FROM day_port WHERE day BETWEEN ? AND ? "
                + "AND port IS NOT NULL AND (? IS NULL OR protocol = ?) GROUP BY protocol, port")) {
            DateRanges.bind(s, 1, from, to);
            s.setObject(3, protocol);
            s.setObject(4, protocol);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    packets.put(TrafficKey.of(r.getInt(1), r.getInt(2)), r.getLong(3));
                }
            }
        }
        return packets;
    }

    /** A day's distinct sources: over all traffic ("all") and per protocol class ("tcp", "udp", "icmp"), its parts united. */
    public Map<String, SourceSet> daySources(LocalDate day) throws SQLException {
        Map<String, List<SourceSet>> sets = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT 'all', sources_ipv4, sources_ipv6 FROM day_totals WHERE day = ? UNION ALL "
                + "SELECT CASE WHEN protocol = 6 THEN 'tcp' WHEN protocol = 17 THEN 'udp' ELSE 'icmp' END, sources_ipv4, sources_ipv6 "
                + "FROM day_protocol WHERE day = ? AND protocol IN (1, 6, 17, 58)")) {
            s.setObject(1, day);
            s.setObject(2, day);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sets.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(SourceSet.fromBytes(r.getBytes(2), r.getBytes(3)));
                }
            }
        }
        Map<String, SourceSet> union = new LinkedHashMap<>();
        for (String k : List.of("all", "tcp", "udp", "icmp")) {
            union.put(k, SourceSet.union(sets.getOrDefault(k, List.of())));
        }
        return union;
    }

    /** Every darknet packet of the range. */
    public long totalPackets(LocalDate from, LocalDate to) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT coalesce(sum(packets), 0) FROM day_totals WHERE day BETWEEN ? AND ?")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The sources that sent to any of the ports on any day of the range. */
    public SourceSet sourcesOf(List<PortSpec> ports, LocalDate from, LocalDate to) throws SQLException {
        List<SourceSet> sets = new ArrayList<>();
        forEachPortDay(ports, from, to, (day, set) -> sets.add(set));
        return SourceSet.union(sets);
    }

    /** Per day with data: distinct sources that sent to any of the ports that day (0 if none did). */
    public List<TrafficRows.DaySources> sources(List<PortSpec> ports, LocalDate from, LocalDate to) throws SQLException {
        List<TrafficRows.DaySources> rows = new ArrayList<>();
        sourcesByDay(ports, from, to).forEach((day, set) -> rows.add(new TrafficRows.DaySources(day, set.cardinality())));
        return rows;
    }

    /** Per day with data, in order: the sources that sent to any of the ports that day (empty if none did). */
    public Map<LocalDate, SourceSet> sourcesByDay(List<PortSpec> ports, LocalDate from, LocalDate to) throws SQLException {
        Map<LocalDate, List<SourceSet>> byDay = new LinkedHashMap<>();
        for (LocalDate day : daysWithData(from, to)) {
            byDay.put(day, new ArrayList<>());
        }
        forEachPortDay(ports, from, to, (day, set) -> byDay.get(day).add(set));
        Map<LocalDate, SourceSet> union = new LinkedHashMap<>();
        byDay.forEach((day, sets) -> union.put(day, SourceSet.union(sets)));
        return union;
    }

    /** The days in the range for which the store has data, in order. */
    public List<LocalDate> daysWithData(LocalDate from, LocalDate to) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement("SELECT DISTINCT day FROM day_totals WHERE day BETWEEN ? AND ? ORDER BY day")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    days.add(r.getObject(1, LocalDate.class));
                }
            }
        }
        return days;
    }

    private interface PortDayConsumer {
        void accept(LocalDate day, SourceSet sources);
    }

    /** Every stored set (every part) of the ports in the range. */
    private void forEachPortDay(List<PortSpec> ports, LocalDate from, LocalDate to, PortDayConsumer consumer) throws SQLException {
        String sql = "SELECT day, sources_ipv4, sources_ipv6 FROM day_port WHERE protocol = ? AND port = ? AND day BETWEEN ? AND ?";
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (PortSpec port : ports) {
                s.setInt(1, port.protocol());
                s.setInt(2, port.port());
                DateRanges.bind(s, 3, from, to);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        consumer.accept(r.getObject(1, LocalDate.class), SourceSet.fromBytes(r.getBytes(2), r.getBytes(3)));
                    }
                }
            }
        }
    }

    /** A slot's start with its seconds and offset always, as DoS times are written: 2016-09-20T00:05:00+09:00. */
    private static final DateTimeFormatter SLOT_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** Packets per 5 minutes or per hour (hours of the store's time zone). */
    public List<TrafficRows.Slot> traffic(LocalDate from, LocalDate to, boolean hourly) throws SQLException {
        ZoneId zone = store.zone().orElse(ZoneOffset.UTC);
        Map<ZonedDateTime, long[]> slots = new TreeMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT start, tcp, udp, icmp, other FROM traffic_5min WHERE day BETWEEN ? AND ?")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ZonedDateTime start = r.getObject(1, LocalDateTime.class).atOffset(ZoneOffset.UTC).atZoneSameInstant(zone);
                    if (hourly) {
                        start = start.truncatedTo(ChronoUnit.HOURS);
                    }
                    long[] c = slots.computeIfAbsent(start, t -> new long[4]);
                    for (int i = 0; i < 4; i++) {
                        c[i] += r.getLong(2 + i);
                    }
                }
            }
        }
        List<TrafficRows.Slot> rows = new ArrayList<>();
        slots.forEach((t, c) -> rows.add(new TrafficRows.Slot(SLOT_TIME.format(t), c[0], c[1], c[2], c[3], c[0] + c[1] + c[2] + c[3])));
        return rows;
    }
}
