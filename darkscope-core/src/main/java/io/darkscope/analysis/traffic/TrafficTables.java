package io.darkscope.analysis.traffic;

import io.darkscope.analysis.AnalysisTables;
import io.darkscope.analysis.PartRows;
import io.darkscope.analysis.TableRows;
import io.darkscope.classify.TrafficClass;
import io.darkscope.pipeline.Day;
import io.darkscope.sets.SourceSet;
import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import org.duckdb.DuckDBConnection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
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
        LocalDate date = day.day().date();
        try (TableRows totals = new TableRows(connection, "day_totals", 8);
             TableRows protocols = new TableRows(connection, "day_protocol", 8);
             TableRows ports = new TableRows(connection, "day_port", 8);
             TableRows classes = new TableRows(connection, "day_class", 7);
             TableRows slots = new TableRows(connection, "traffic_5min", 7)) {
            SourceSet all = day.allSources();
            totals.row(date, part, day.packets(), day.bytes(), day.ipv6Packets(), all.cardinality(), all.ipv4Bytes(), all.ipv6().toBytes());
            for (int protocol = 0; protocol < 256; protocol++) {
                if (day.packets(protocol) > 0) {
                    SourceSet sources = day.protocolSources(protocol);
                    protocols.row(date, part, (byte) protocol, day.packets(protocol), day.bytes(protocol), sources.cardinality(),
                            sources.ipv4Bytes(), sources.ipv6().toBytes());
                }
            }
            for (Int2ObjectMap.Entry<KeyTraffic> e : day.keys().int2ObjectEntrySet()) {
                int key = e.getIntKey();
                int port = TrafficKey.port(key);
                SourceSet sources = e.getValue().sources();
                ports.row(date, part, (byte) TrafficKey.protocol(key), port < 0 ? null : port, e.getValue().packets(), sources.cardinality(),
                        sources.ipv4Bytes(), sources.ipv6().toBytes());
            }
            for (TrafficClass c : TrafficClass.values()) {
                SourceSet sources = day.classSources(c);
                classes.row(date, part, c.label(), day.classPackets(c), sources.cardinality(), sources.ipv4Bytes(), sources.ipv6().toBytes());
            }
            writeSlots(slots, part, day);
        }
    }

    private static void writeSlots(TableRows rows, long part, DayTraffic day) throws SQLException {
        for (int slot = 0; slot < day.day().slots(); slot++) {
            long tcp = day.slotPackets(slot, ProtocolClass.TCP);
            long udp = day.slotPackets(slot, ProtocolClass.UDP);
            long icmp = day.slotPackets(slot, ProtocolClass.ICMP);
            long other = day.slotPackets(slot, ProtocolClass.OTHER);
            if (tcp + udp + icmp + other > 0) {
                LocalDateTime start = LocalDateTime.ofEpochSecond(day.day().startEpochSecond() + (long) slot * Day.SLOT_SECONDS, 0, ZoneOffset.UTC);
                rows.row(day.day().date(), part, start, tcp, udp, icmp, other);
            }
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
