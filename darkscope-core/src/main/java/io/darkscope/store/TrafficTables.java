package io.darkscope.store;

import io.darkscope.aggregate.DayClock;
import io.darkscope.aggregate.DayTraffic;
import io.darkscope.aggregate.KeyTraffic;
import io.darkscope.aggregate.ProtocolClass;
import io.darkscope.aggregate.SourceSet;
import io.darkscope.aggregate.TrafficKey;
import io.darkscope.classify.TrafficClass;
import io.darkscope.darknet.DarknetRegistry;
import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The traffic statistics' tables: day_totals, day_protocol, day_port, day_class, traffic_5min. */
final class TrafficTables {
    static final List<String> TABLES = List.of("day_totals", "day_protocol", "day_port", "traffic_5min", "day_class");

    private final DuckDBConnection connection;

    TrafficTables(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** Appends the rows of merged days (their old rows already deleted). */
    void write(List<DayTraffic> days, DarknetRegistry registry) throws SQLException {
        try (DuckDBAppender totals = connection.createAppender("main", "day_totals");
             DuckDBAppender protocols = connection.createAppender("main", "day_protocol");
             DuckDBAppender ports = connection.createAppender("main", "day_port");
             DuckDBAppender slots = connection.createAppender("main", "traffic_5min");
             DuckDBAppender classes = connection.createAppender("main", "day_class")) {
            for (DayTraffic day : days) {
                appendTotals(totals, day, registry.ipv4Addresses(day.date()));
                appendProtocols(protocols, day);
                appendPorts(ports, day);
                appendSlots(slots, day);
                appendClasses(classes, day);
            }
        }
    }

    private static void appendTotals(DuckDBAppender a, DayTraffic day, long monitored) throws SQLException {
        SourceSet all = day.allSources();
        a.beginRow().append(day.date()).append(day.packets()).append(day.bytes()).append(day.ipv6Packets()).append(monitored)
                .append(all.cardinality()).append(all.ipv4Bytes()).append(all.ipv6().toBytes()).endRow();
    }

    private static void appendProtocols(DuckDBAppender a, DayTraffic day) throws SQLException {
        for (int protocol = 0; protocol < 256; protocol++) {
            if (day.packets(protocol) == 0) {
                continue;
            }
            SourceSet sources = day.protocolSources(protocol);
            a.beginRow().append(day.date()).append((byte) protocol).append(day.packets(protocol)).append(day.bytes(protocol))
                    .append(sources.cardinality()).append(sources.ipv4Bytes()).append(sources.ipv6().toBytes()).endRow();
        }
    }

    private static void appendPorts(DuckDBAppender a, DayTraffic day) throws SQLException {
        for (Int2ObjectMap.Entry<KeyTraffic> e : day.keys().int2ObjectEntrySet()) {
            int key = e.getIntKey();
            KeyTraffic traffic = e.getValue();
            a.beginRow().append(day.date()).append((byte) TrafficKey.protocol(key));
            int port = TrafficKey.port(key);
            if (port < 0) {
                a.appendNull();
            } else {
                a.append(port);
            }
            a.append(traffic.packets()).append(traffic.sources().cardinality())
                    .append(traffic.sources().ipv4Bytes()).append(traffic.sources().ipv6().toBytes()).endRow();
        }
    }

    private static void appendClasses(DuckDBAppender a, DayTraffic day) throws SQLException {
        for (TrafficClass c : TrafficClass.values()) {
            SourceSet sources = day.classSources(c);
            a.beginRow().append(day.date()).append(c.label()).append(day.classPackets(c)).append(sources.cardinality())
                    .append(sources.ipv4Bytes()).append(sources.ipv6().toBytes()).endRow();
        }
    }

    private static void appendSlots(DuckDBAppender a, DayTraffic day) throws SQLException {
        for (int slot = 0; slot < day.slots(); slot++) {
            long tcp = day.slotPackets(slot, ProtocolClass.TCP);
            long udp = day.slotPackets(slot, ProtocolClass.UDP);
            long icmp = day.slotPackets(slot, ProtocolClass.ICMP);
            long other = day.slotPackets(slot, ProtocolClass.OTHER);
            if (tcp + udp + icmp + other == 0) {
                continue;
            }
            LocalDateTime start = LocalDateTime.ofEpochSecond(day.startEpochSecond() + (long) slot * DayTraffic.SLOT_SECONDS, 0, ZoneOffset.UTC);
            a.beginRow().append(start).append(day.date()).append(tcp).append(udp).append(icmp).append(other).endRow();
        }
    }

    /** The stored statistics of one day, for merging. */
    Optional<DayTraffic> load(LocalDate date, ZoneId zone) throws SQLException {
        DayClock clock = DayClock.at(zone, date);
        boolean found = false;
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT protocol, packets, bytes, sources_ipv4, sources_ipv6 FROM day_protocol WHERE day = ?")) {
            s.setObject(1, date);
            try (ResultSet r = s.executeQuery()) {
                long[] packets = new long[256];
                long[] bytes = new long[256];
                SourceSet[] sources = new SourceSet[256];
                while (r.next()) {
                    found = true;
                    int protocol = r.getInt(1);
                    packets[protocol] = r.getLong(2);
                    bytes[protocol] = r.getLong(3);
                    sources[protocol] = SourceSet.fromBytes(r.getBytes(4), r.getBytes(5));
                }
                if (!found) {
                    return Optional.empty();
                }
                try (PreparedStatement t = connection.prepareStatement(
                        "SELECT ipv6_packets, sources_ipv4, sources_ipv6 FROM day_totals WHERE day = ?")) {
                    t.setObject(1, date);
                    try (ResultSet totals = t.executeQuery()) {
                        totals.next();
                        long[] classPackets = new long[TrafficClass.values().length];
                        SourceSet[] classSources = new SourceSet[classPackets.length];
                        readClasses(date, classPackets, classSources);
                        return Optional.of(new DayTraffic(date, clock.startEpochSecond(), packets, bytes, totals.getLong(1),
                                slotPackets(date, clock), keys(date), sources,
                                SourceSet.fromBytes(totals.getBytes(2), totals.getBytes(3)), classPackets, classSources));
                    }
                }
            }
        }
    }

    private void readClasses(LocalDate date, long[] packets, SourceSet[] sources) throws SQLException {
        Arrays.fill(sources, SourceSet.EMPTY);
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT class, packets, sources_ipv4, sources_ipv6 FROM day_class WHERE day = ?")) {
            s.setObject(1, date);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int c = TrafficClass.valueOf(r.getString(1).toUpperCase(Locale.ROOT)).ordinal();
                    packets[c] = r.getLong(2);
                    sources[c] = SourceSet.fromBytes(r.getBytes(3), r.getBytes(4));
                }
            }
        }
    }

    private long[] slotPackets(LocalDate date, DayClock clock) throws SQLException {
        long[] slots = new long[clock.slots() * 4];
        try (PreparedStatement s = connection.prepareStatement("SELECT start, tcp, udp, icmp, other FROM traffic_5min WHERE day = ?")) {
            s.setObject(1, date);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long start = r.getObject(1, LocalDateTime.class).toEpochSecond(ZoneOffset.UTC);
                    int slot = (int) ((start - clock.startEpochSecond()) / DayTraffic.SLOT_SECONDS);
                    for (int c = 0; c < 4; c++) {
                        slots[slot * 4 + c] = r.getLong(2 + c);
                    }
                }
            }
        }
        return slots;
    }

    private Int2ObjectMap<KeyTraffic> keys(LocalDate date) throws SQLException {
        Int2ObjectMap<KeyTraffic> keys = new Int2ObjectOpenHashMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT protocol, port, packets, sources_ipv4, sources_ipv6 FROM day_port WHERE day = ?")) {
            s.setObject(1, date);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int protocol = r.getInt(1);
                    int port = r.getInt(2);
                    int key = TrafficKey.of(protocol, r.wasNull() ? -1 : port);
                    keys.put(key, new KeyTraffic(r.getLong(3), SourceSet.fromBytes(r.getBytes(4), r.getBytes(5))));
                }
            }
        }
        return keys;
    }

}
