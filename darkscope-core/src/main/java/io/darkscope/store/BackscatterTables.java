package io.darkscope.store;

import io.darkscope.aggregate.DayBackscatter;
import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The backscatter table: per day and DoS victim, packets, times, ports and 10-second buckets. */
final class BackscatterTables {
    static final List<String> TABLES = List.of("day_backscatter");

    private final DuckDBConnection connection;

    BackscatterTables(DuckDBConnection connection) {
        this.connection = connection;
    }

    DayBackscatter load(LocalDate date) throws SQLException {
        DayBackscatter day = new DayBackscatter(date);
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT victim, packets, first_seen, last_seen, ports, buckets FROM day_backscatter WHERE day = ?")) {
            s.setObject(1, date);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    day.put((int) r.getLong(1), victim(r));
                }
            }
        }
        return day;
    }

    /** A victim as a row stores it (columns packets, first_seen, last_seen, ports, buckets from 2). */
    static DayBackscatter.Victim victim(ResultSet r) throws SQLException {
        String ports = r.getString(5);
        int[] p = ports == null || ports.isEmpty() ? new int[0] : Arrays.stream(ports.split(",")).mapToInt(Integer::parseInt).toArray();
        return DayBackscatter.Victim.stored(r.getLong(2), nanos(r.getObject(3, LocalDateTime.class)),
                nanos(r.getObject(4, LocalDateTime.class)), p, r.getBytes(6));
    }

    private static long nanos(LocalDateTime t) {
        Instant i = t.toInstant(ZoneOffset.UTC);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static LocalDateTime time(long nanos) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC);
    }

    void write(List<DayBackscatter> days) throws SQLException {
        try (DuckDBAppender a = connection.createAppender("main", "day_backscatter")) {
            for (DayBackscatter day : days) {
                for (Int2ObjectMap.Entry<DayBackscatter.Victim> e : day.victims().int2ObjectEntrySet()) {
                    DayBackscatter.Victim v = e.getValue();
                    a.beginRow().append(day.date()).append(Integer.toUnsignedLong(e.getIntKey())).append(v.packets())
                            .append(time(v.firstNanos())).append(time(v.lastNanos()))
                            .append(v.ports().intStream().mapToObj(Integer::toString).collect(Collectors.joining(",")))
                            .append(v.bucketBytes()).endRow();
                }
            }
        }
    }
}
