package io.darkscope.query;

import io.darkscope.aggregate.SourceSet;
import io.darkscope.decode.IpProtocol;
import io.darkscope.store.Store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily distinct-source series that outbreaks are looked for in (every port that ever had
 * enough sources, every fingerprint), the sources behind a series on given days (to tell the
 * new ones), and the events table.
 */
public final class EventQueries {

    private final Store store;
    private final StatsQueries stats;

    public EventQueries(Store store) {
        this.store = store;
        this.stats = new StatsQueries(store);
    }

    /** One series: its key ("2323/tcp" or a fingerprint), and its sources on each day of {@link #days}. */
    public record Series(String key, boolean fingerprint, long[] sources) {
    }

    /** The days with data in the range, in order: the axis of every series. */
    public List<LocalDate> days(LocalDate from, LocalDate to) throws SQLException {
        return stats.daysWithData(from, to);
    }

    /** The series of every port whose daily sources ever reached {@code minSources}, and of every fingerprint. */
    public List<Series> series(List<LocalDate> days, long minSources) throws SQLException {
        Map<LocalDate, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < days.size(); i++) {
            index.put(days.get(i), i);
        }
        Map<String, Series> all = new LinkedHashMap<>();
        String ports = "SELECT day, protocol || ':' || port, sources FROM day_port WHERE port IS NOT NULL AND day BETWEEN ? AND ? "
                + "AND (protocol, port) IN (SELECT protocol, port FROM day_port WHERE port IS NOT NULL AND day BETWEEN ? AND ? "
                + "GROUP BY protocol, port HAVING max(sources) >= ?)";
        String fingerprints = "SELECT day, fingerprint, sources FROM day_fingerprint WHERE day BETWEEN ? AND ?";
        if (days.isEmpty()) {
            return List.of();
        }
        LocalDate first = days.get(0);
        LocalDate last = days.get(days.size() - 1);
        fill(ports, days, index, all, false, first, last, first, last, minSources);
        fill(fingerprints, days, index, all, true, first, last);
        return new ArrayList<>(all.values());
    }

    private void fill(String sql, List<LocalDate> days, Map<LocalDate, Integer> index, Map<String, Series> all, boolean fingerprint,
                      Object... parameters) throws SQLException {
        try (PreparedStatement s = store.connection().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String key = fingerprint ? r.getString(2) : portName(r.getString(2));
                    Series series = all.computeIfAbsent(key, k -> new Series(k, fingerprint, new long[days.size()]));
                    series.sources()[index.get(r.getObject(1, LocalDate.class))] = r.getLong(3);
                }
            }
        }
    }

    private static String portName(String protocolColonPort) {
        String[] p = protocolColonPort.split(":");
        return p[1] + "/" + IpProtocol.name(Integer.parseInt(p[0]));
    }

    /** The sources of a series' key on each of the given days. */
    public Map<LocalDate, SourceSet> sources(Series series, List<LocalDate> days) throws SQLException {
        Map<LocalDate, SourceSet> sets = new LinkedHashMap<>();
        if (!series.fingerprint()) {
            List<PortSpec> port = List.of(PortSpec.parse(series.key()));
            for (LocalDate day : days) {
                sets.put(day, stats.sourcesOf(port, day, day));
            }
            return sets;
        }
        try (PreparedStatement s = store.connection().prepareStatement(
                "SELECT sources_ipv4 FROM day_fingerprint WHERE fingerprint = ? AND day = ?")) {
            for (LocalDate day : days) {
                s.setString(1, series.key());
                s.setObject(2, day);
                try (ResultSet r = s.executeQuery()) {
                    sets.put(day, r.next() ? SourceSet.fromBytes(r.getBytes(1), null) : SourceSet.EMPTY);
                }
            }
        }
        return sets;
    }

    /** Replaces the stored events whose onset is in the range. */
    public void store(LocalDate from, LocalDate to, List<Rows.Event> events) throws SQLException {
        var c = store.connection();
        c.setAutoCommit(false);
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM events WHERE onset BETWEEN ? AND ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            DateRanges.bind(delete, 1, from, to);
            delete.executeUpdate();
            Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
            for (Rows.Event e : events) {
                insert.setString(1, e.kind());
                insert.setString(2, e.key());
                insert.setObject(3, e.onset());
                insert.setObject(4, e.peakDate());
                insert.setLong(5, e.peakSources());
                insert.setDouble(6, e.baseline());
                insert.setDouble(7, e.growth());
                insert.setObject(8, e.end());
                insert.setString(9, String.join(" ", e.topCountries()));
                insert.setString(10, String.join("; ", e.topNetworks()));
                insert.setTimestamp(11, now);
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The stored events with an onset in the range, by onset. */
    public List<Rows.Event> stored(LocalDate from, LocalDate to) throws SQLException {
        List<Rows.Event> events = new ArrayList<>();
        try (PreparedStatement s = store.connection().prepareStatement(
                "SELECT * FROM events WHERE onset BETWEEN ? AND ? ORDER BY onset, kind, key")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(new Rows.Event(r.getString("kind"), r.getString("key"), r.getObject("onset", LocalDate.class),
                            r.getObject("peak_date", LocalDate.class), r.getLong("peak_sources"), r.getDouble("baseline"),
                            r.getDouble("growth"), r.getObject("end_date", LocalDate.class), split(r.getString("top_countries"), " "),
                            split(r.getString("top_networks"), "; ")));
                }
            }
        }
        return events;
    }

    private static List<String> split(String joined, String separator) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(separator));
    }
}
