package io.darkscope.analysis.traffic;

import io.darkscope.analysis.AnalysisTables;
import io.darkscope.analysis.PartRows;
import io.darkscope.classify.TrafficClass;
import io.darkscope.pipeline.Day;
import io.darkscope.sets.SourceSet;
import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The traffic statistics' tables: day_totals, day_protocol, day_port, day_class, traffic_5min. */
final class TrafficTables implements AnalysisTables<DayTraffic> {
    private static final String SETS = "sources BIGINT, sources_ipv4 BLOB, sources_ipv6 BLOB";

    @Override
    public List<String> schema() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS day_totals (day DATE, part BIGINT, packets BIGINT, bytes BIGINT, ipv6_packets BIGINT, " + SETS + ")",
                "CREATE TABLE IF NOT EXISTS day_protocol (day DATE, part BIGINT, protocol UTINYINT, packets BIGINT, bytes BIGINT, " + SETS + ")",
                "CREATE TABLE IF NOT EXISTS day_port (day DATE, part BIGINT, protocol UTINYINT, port INTEGER, packets BIGINT, " + SETS + ")",
                "CREATE TABLE IF NOT EXISTS day_class (day DATE, part BIGINT, class VARCHAR, packets BIGINT, " + SETS + ")",
                "CREATE TABLE IF NOT EXISTS traffic_5min (day DATE, part BIGINT, start TIMESTAMP, tcp BIGINT, udp BIGINT, icmp BIGINT, other BIGINT)");
    }

    @Override
    public List<String> tables() {
        return List.of("day_totals", "day_protocol", "day_port", "day_class", "traffic_5min");
    }

    @Override
    public void write(DuckDBConnection connection, long part, DayTraffic day) throws SQLException {
        try (DuckDBAppender totals = connection.createAppender("main", "day_totals");
             DuckDBAppender protocols = connection.createAppender("main", "day_protocol");
             DuckDBAppender ports = connection.createAppender("main", "day_port");
             DuckDBAppender classes = connection.createAppender("main", "day_class");
             DuckDBAppender slots = connection.createAppender("main", "traffic_5min")) {
            totals.beginRow().append(day.day().date()).append(part).append(day.packets()).append(day.bytes()).append(day.ipv6Packets());
            sets(totals, day.allSources()).endRow();
            for (int protocol = 0; protocol < 256; protocol++) {
                if (day.packets(protocol) > 0) {
                    protocols.beginRow().append(day.day().date()).append(part).append((byte) protocol).append(day.packets(protocol))
                            .append(day.bytes(protocol));
                    sets(protocols, day.protocolSources(protocol)).endRow();
                }
            }
            appendPorts(ports, part, day);
            for (TrafficClass c : TrafficClass.values()) {
                classes.beginRow().append(day.day().date()).append(part).append(c.label()).append(day.classPackets(c));
                sets(classes, day.classSources(c)).endRow();
            }
            appendSlots(slots, part, day);
        }
    }

    private static DuckDBAppender sets(DuckDBAppender a, SourceSet sources) throws SQLException {
        return a.append(sources.cardinality()).append(sources.ipv4Bytes()).append(sources.ipv6().toBytes());
    }

    private static void appendPorts(DuckDBAppender a, long part, DayTraffic day) throws SQLException {
        for (Int2ObjectMap.Entry<KeyTraffic> e : day.keys().int2ObjectEntrySet()) {
            int key = e.getIntKey();
            a.beginRow().append(day.day().date()).append(part).append((byte) TrafficKey.protocol(key));
            int port = TrafficKey.port(key);
            if (port < 0) {
                a.appendNull();
            } else {
                a.append(port);
            }
            sets(a.append(e.getValue().packets()), e.getValue().sources()).endRow();
        }
    }

    private static void appendSlots(DuckDBAppender a, long part, DayTraffic day) throws SQLException {
        for (int slot = 0; slot < day.day().slots(); slot++) {
            long tcp = day.slotPackets(slot, ProtocolClass.TCP);
            long udp = day.slotPackets(slot, ProtocolClass.UDP);
            long icmp = day.slotPackets(slot, ProtocolClass.ICMP);
            long other = day.slotPackets(slot, ProtocolClass.OTHER);
            if (tcp + udp + icmp + other == 0) {
                continue;
            }
            LocalDateTime start = LocalDateTime.ofEpochSecond(day.day().startEpochSecond() + (long) slot * Day.SLOT_SECONDS, 0, ZoneOffset.UTC);
            a.beginRow().append(day.day().date()).append(part).append(start).append(tcp).append(udp).append(icmp).append(other).endRow();
        }
    }

    @Override
    public DayTraffic read(DuckDBConnection c, Day day, long part) throws SQLException {
        long[] packets = new long[256];
        long[] bytes = new long[256];
        SourceSet[] protocolSources = new SourceSet[256];
        PartRows.forEach(c, "SELECT protocol, packets, bytes, sources_ipv4, sources_ipv6 FROM day_protocol WHERE day = ? AND part = ?",
                day, part, r -> {
                    int protocol = r.getInt(1);
                    packets[protocol] = r.getLong(2);
                    bytes[protocol] = r.getLong(3);
                    protocolSources[protocol] = set(r, 4);
                });
        long[] ipv6Packets = new long[1];
        SourceSet[] allSources = {SourceSet.EMPTY};
        PartRows.forEach(c, "SELECT ipv6_packets, sources_ipv4, sources_ipv6 FROM day_totals WHERE day = ? AND part = ?", day, part, r -> {
            ipv6Packets[0] = r.getLong(1);
            allSources[0] = set(r, 2);
        });
        long[] classPackets = new long[TrafficClass.values().length];
        SourceSet[] classSources = new SourceSet[classPackets.length];
        Arrays.fill(classSources, SourceSet.EMPTY);
        PartRows.forEach(c, "SELECT class, packets, sources_ipv4, sources_ipv6 FROM day_class WHERE day = ? AND part = ?", day, part, r -> {
            int i = TrafficClass.valueOf(r.getString(1).toUpperCase(Locale.ROOT)).ordinal();
            classPackets[i] = r.getLong(2);
            classSources[i] = set(r, 3);
        });
        long[] slots = new long[day.slots() * 4];
        PartRows.forEach(c, "SELECT start, tcp, udp, icmp, other FROM traffic_5min WHERE day = ? AND part = ?", day, part, r -> {
            int slot = day.slot(r.getObject(1, LocalDateTime.class).toEpochSecond(ZoneOffset.UTC));
            for (int k = 0; k < 4; k++) {
                slots[slot * 4 + k] = r.getLong(2 + k);
            }
        });
        Int2ObjectMap<KeyTraffic> keys = new Int2ObjectOpenHashMap<>();
        PartRows.forEach(c, "SELECT protocol, port, packets, sources_ipv4, sources_ipv6 FROM day_port WHERE day = ? AND part = ?",
                day, part, r -> {
                    int protocol = r.getInt(1);
                    int port = r.getInt(2);
                    keys.put(TrafficKey.of(protocol, r.wasNull() ? -1 : port), new KeyTraffic(r.getLong(3), set(r, 4)));
                });
        return new DayTraffic(day, packets, bytes, ipv6Packets[0], slots, keys, protocolSources, allSources[0], classPackets, classSources);
    }

    private static SourceSet set(ResultSet r, int column) throws SQLException {
        return SourceSet.fromBytes(r.getBytes(column), r.getBytes(column + 1));
    }
}
