package io.darkscope.query;

import io.darkscope.analysis.fingerprint.Fingerprint;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.analysis.traffic.TrafficQueries;
import io.darkscope.decode.IpProtocol;
import io.darkscope.sets.PartedSets;
import io.darkscope.sets.SourceSet;
import io.darkscope.store.DateRanges;
import io.darkscope.store.Store;

import java.sql.Connection;
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
final class EventQueries {
    private final Store store;
    private final TrafficQueries traffic;
    private final FingerprintQueries fingerprints;

    EventQueries(Store store) {
        this.store = store;
        this.traffic = new TrafficQueries(store);
        this.fingerprints = new FingerprintQueries(store);
    }

    /** One series: its key ("2323/tcp" or a fingerprint), and its sources on each day of the axis. */
    record Series(String key, boolean fingerprint, long[] sources) {
    }

    /** The days with data in the range, in order: the axis of every series. */
    List<LocalDate> days(LocalDate from, LocalDate to) throws SQLException {
        return traffic.daysWithData(from, to);
    }

    /**
     * The series of every port whose daily sources ever reached {@code minSources}, and of every
     * fingerprint, without the {@code excluded} sources (survey scanners).
     */
    List<Series> series(List<LocalDate> days, long minSources, SourceSet excluded) throws SQLException {
        if (days.isEmpty()) {
            return List.of();
        }
        Map<LocalDate, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < days.size(); i++) {
            index.put(days.get(i), i);
        }
        Map<String, Series> all = new LinkedHashMap<>();
        portSeries(days, index, minSources, excluded, all);
        for (FingerprintQueries.Row f : fingerprints.fingerprints(days.get(0), days.get(days.size() - 1))) {
            if (f.fingerprint().startsWith("class/")) {
                continue;
            }
            Series series = new Series(f.fingerprint(), true, new long[days.size()]);
            for (FingerprintQueries.FingerprintDay d : f.days()) {
                series.sources()[index.get(d.date())] = excluded.cardinality() == 0 ? d.sources()
                        : fingerprints.sources(Fingerprint.byLabel(f.fingerprint()), d.date()).minus(excluded).cardinality();
            }
            all.put(f.fingerprint(), series);
        }
        return new ArrayList<>(all.values());
    }

    /** Ports whose sources, summed over a day's parts (an upper bound of their union), ever reached the minimum. */
    private void portSeries(List<LocalDate> days, Map<LocalDate, Integer> index, long minSources, SourceSet excluded, Map<String, Series> all)
            throws SQLException {
        String columns = excluded.cardinality() == 0 ? PartedSets.columns("day, protocol, port") : PartedSets.columnsWithSets("day, protocol, port");
        String sql = "SELECT day, protocol, port, " + columns + " FROM day_port "
                + "WHERE port IS NOT NULL AND day BETWEEN ? AND ? AND (protocol, port) IN (SELECT protocol, port FROM "
                + "(SELECT day, protocol, port, sum(sources) AS s FROM day_port WHERE port IS NOT NULL AND day BETWEEN ? AND ? "
                + "GROUP BY day, protocol, port) GROUP BY protocol, port HAVING max(s) >= ?) ORDER BY protocol, port, day";
        Map<String, Map<LocalDate, PartedSets>> sets = new LinkedHashMap<>();
        try (PreparedStatement s = store.connection().prepareStatement(sql)) {
            LocalDate first = days.get(0);
            LocalDate last = days.get(days.size() - 1);
            s.setObject(1, first);
            s.setObject(2, last);
            s.setObject(3, first);
            s.setObject(4, last);
            s.setLong(5, minSources);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String key = r.getInt(3) + "/" + IpProtocol.name(r.getInt(2));
                    sets.computeIfAbsent(key, k -> new LinkedHashMap<>())
                            .computeIfAbsent(r.getObject(1, LocalDate.class), d -> new PartedSets()).add(r, 4);
                }
            }
        }
        sets.forEach((key, byDay) -> {
            Series series = new Series(key, false, new long[days.size()]);
            byDay.forEach((day, parts) -> series.sources()[index.get(day)] = parts.cardinalityWithout(excluded));
            all.put(key, series);
        });
    }

    /** The sources of a series' key on each of the given days. */
    Map<LocalDate, SourceSet> sources(Series series, List<LocalDate> days) throws SQLException {
        Map<LocalDate, SourceSet> sets = new LinkedHashMap<>();
        for (LocalDate day : days) {
            sets.put(day, series.fingerprint() ? fingerprints.sources(Fingerprint.byLabel(series.key()), day)
                    : traffic.sourcesOf(List.of(PortSpec.parse(series.key())), day, day));
        }
        return sets;
    }

    /** The meta key of the fewest extra sources that made an event at the last detection. */
    static final String MIN_SOURCES = "events_min_sources";

    /** Replaces the stored events whose onset is in the range, found with {@code minSources}. */
    void store(LocalDate from, LocalDate to, List<Event> events, long minSources) throws SQLException {
        Connection c = store.connection();
        c.setAutoCommit(false);
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM events WHERE onset BETWEEN ? AND ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            DateRanges.bind(delete, 1, from, to);
            delete.executeUpdate();
            Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
            for (Event e : events) {
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
            store.setMeta(MIN_SOURCES, Long.toString(minSources));
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The stored events with an onset in the range, by onset. */
    List<Event> stored(LocalDate from, LocalDate to) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (PreparedStatement s = store.connection().prepareStatement(
                "SELECT * FROM events WHERE onset BETWEEN ? AND ? ORDER BY onset, kind, key")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(new Event(r.getString("kind"), r.getString("key"), r.getObject("onset", LocalDate.class),
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
