package io.darkscope.query;

import io.darkscope.aggregate.SourceSet;
import io.darkscope.decode.IpProtocol;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics behind the seed report's Table 1 and Figures 1 to 4, answered from the store.
 * Distinct sources over several days or ports are unions of the stored bitmaps, never sums.
 * Date bounds are inclusive; a null bound is open.
 */
public final class StatsQueries {

    private final Store store;
    private final Connection db;

    public StatsQueries(Store store) {
        this.store = store;
        this.db = store.connection();
    }

    /** One row per year: packets, IPv4 addresses monitored (mean over the days with data), IPv4 packets per address. */
    public List<Rows.Year> yearly() throws SQLException {
        List<Rows.Year> years = new ArrayList<>();
        String sql = "SELECT year(day) AS y, sum(packets), sum(packets - ipv6_packets), avg(monitored_ipv4) "
                + "FROM day_totals GROUP BY y ORDER BY y";
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long addresses = Math.round(r.getDouble(4));
                Double perAddress = addresses == 0 ? null : r.getLong(3) / (double) addresses;
                years.add(new Rows.Year(r.getInt(1), r.getLong(2), addresses, perAddress));
            }
        }
        return years;
    }

    /** Packets by protocol class and distinct sources per day. */
    public List<Rows.Day> daily(LocalDate from, LocalDate to) throws SQLException {
        Map<LocalDate, long[]> packets = new TreeMap<>();
        Map<LocalDate, Long> allSources = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT day, sources FROM day_totals WHERE day BETWEEN ? AND ?")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    LocalDate day = r.getObject(1, LocalDate.class);
                    packets.put(day, new long[5]);
                    allSources.put(day, r.getLong(2));
                }
            }
        }
        Map<LocalDate, long[]> sources = new HashMap<>();
        Map<LocalDate, List<SourceSet>> icmpSources = new HashMap<>();
        String sql = "SELECT day, protocol, packets, sources, "
                + "CASE WHEN protocol IN (1, 58) THEN sources_ipv4 END, CASE WHEN protocol IN (1, 58) THEN sources_ipv6 END "
                + "FROM day_protocol WHERE day BETWEEN ? AND ?";
        try (PreparedStatement s = db.prepareStatement(sql)) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    LocalDate day = r.getObject(1, LocalDate.class);
                    int protocol = r.getInt(2);
                    long[] p = packets.get(day);
                    long[] src = sources.computeIfAbsent(day, d -> new long[2]);
                    int cls = classIndex(protocol);
                    p[cls] += r.getLong(3);
                    p[4] += r.getLong(3);
                    if (protocol == IpProtocol.TCP || protocol == IpProtocol.UDP) {
                        src[cls] = r.getLong(4);
                    } else if (cls == 2) {
                        icmpSources.computeIfAbsent(day, d -> new ArrayList<>()).add(SourceSet.fromBytes(r.getBytes(5), r.getBytes(6)));
                    }
                }
            }
        }
        List<Rows.Day> days = new ArrayList<>();
        for (Map.Entry<LocalDate, long[]> e : packets.entrySet()) {
            LocalDate day = e.getKey();
            long[] p = e.getValue();
            long[] src = sources.getOrDefault(day, new long[2]);
            List<SourceSet> icmp = icmpSources.getOrDefault(day, List.of());
            days.add(new Rows.Day(day, new Rows.Packets(p[0], p[1], p[2], p[3], p[4]),
                    new Rows.Sources(allSources.get(day), src[0], src[1], SourceSet.union(icmp).cardinality())));
        }
        return days;
    }

    private static int classIndex(int protocol) {
        switch (protocol) {
            case IpProtocol.TCP: return 0;
            case IpProtocol.UDP: return 1;
            case IpProtocol.ICMP:
            case IpProtocol.ICMPV6: return 2;
            default: return 3;
        }
    }

    /**
     * Destination ports ranked by packets over the range.
     *
     * @param top      how many ports, or 0 for all
     * @param protocol only this IP protocol, or null for every protocol with ports
     */
    public List<Rows.Port> ports(LocalDate from, LocalDate to, int top, Integer protocol) throws SQLException {
        long total = totalPackets(from, to);
        String sql = "SELECT protocol, port, sum(packets) AS p FROM day_port WHERE day BETWEEN ? AND ? AND port IS NOT NULL "
                + "AND (? IS NULL OR protocol = ?) GROUP BY protocol, port ORDER BY p DESC, protocol, port"
                + (top > 0 ? " LIMIT ?" : "");
        List<long[]> ranked = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(sql)) {
            DateRanges.bind(s, 1, from, to);
            s.setObject(3, protocol);
            s.setObject(4, protocol);
            if (top > 0) {
                s.setInt(5, top);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ranked.add(new long[] {r.getInt(1), r.getInt(2), r.getLong(3)});
                }
            }
        }
        List<Rows.Port> rows = new ArrayList<>();
        for (long[] k : ranked) {
            long sources = distinctSources(List.of(new PortSpec((int) k[1], (int) k[0])), from, to);
            rows.add(new Rows.Port((int) k[1], IpProtocol.name((int) k[0]), k[2], total == 0 ? 0 : k[2] / (double) total, sources));
        }
        return rows;
    }

    private long totalPackets(LocalDate from, LocalDate to) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT coalesce(sum(packets), 0) FROM day_totals WHERE day BETWEEN ? AND ?")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Distinct sources that sent to any of the ports on any day of the range. */
    public long distinctSources(List<PortSpec> ports, LocalDate from, LocalDate to) throws SQLException {
        return sourcesOf(ports, from, to).cardinality();
    }

    /** The sources that sent to any of the ports on any day of the range. */
    public SourceSet sourcesOf(List<PortSpec> ports, LocalDate from, LocalDate to) throws SQLException {
        List<SourceSet> sets = new ArrayList<>();
        forEachPortDay(ports, from, to, (day, set) -> sets.add(set));
        return SourceSet.union(sets);
    }

    /** Per day with data: distinct sources that sent to any of the ports that day (0 if none did). */
    public List<Rows.DaySources> sources(List<PortSpec> ports, LocalDate from, LocalDate to) throws SQLException {
        List<Rows.DaySources> rows = new ArrayList<>();
        sourcesByDay(ports, from, to).forEach((day, set) -> rows.add(new Rows.DaySources(day, set.cardinality())));
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
        try (PreparedStatement s = db.prepareStatement("SELECT day FROM day_totals WHERE day BETWEEN ? AND ? ORDER BY day")) {
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

    /** Packets per 5 minutes or per hour (hours of the store's time zone). */
    public List<Rows.Slot> traffic(LocalDate from, LocalDate to, boolean hourly) throws SQLException {
        ZoneId zone = store.zone().orElse(ZoneOffset.UTC);
        Map<ZonedDateTime, long[]> slots = new TreeMap<>();
        try (PreparedStatement s = db.prepareStatement(
                "SELECT start, tcp, udp, icmp, other FROM traffic_5min WHERE day BETWEEN ? AND ? ORDER BY start")) {
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
        List<Rows.Slot> rows = new ArrayList<>();
        slots.forEach((t, c) -> rows.add(new Rows.Slot(t.toOffsetDateTime().toString(), c[0], c[1], c[2], c[3], c[0] + c[1] + c[2] + c[3])));
        return rows;
    }
}
