package io.darkscope.analysis.fingerprint;

import io.darkscope.pipeline.Day;
import io.darkscope.sets.Ipv6Set;
import io.darkscope.sets.PartedSets;
import io.darkscope.sets.SourceSet;
import io.darkscope.store.DateRanges;
import io.darkscope.store.Store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scanner fingerprints and traffic classes day by day, from the store. Classes are listed as
 * "class/scan", "class/backscatter" and "class/other". A day still held as several parts (a live
 * day) is decided from its merged evidence, as compaction will decide it.
 */
public final class FingerprintQueries {
    private final Store store;

    public FingerprintQueries(Store store) {
        this.store = store;
    }

    /** A fingerprint's (or traffic class's) days: first and last seen, and packets and distinct sources each day. */
    public record Row(String fingerprint, LocalDate firstSeen, LocalDate lastSeen, List<FingerprintDay> days) {
    }

    /** One day of a fingerprint. */
    public record FingerprintDay(LocalDate date, long packets, long sources) {
    }

    /** Every fingerprint and traffic class seen in the range, with its days. */
    public List<Row> fingerprints(LocalDate from, LocalDate to) throws SQLException {
        Map<String, Map<LocalDate, FingerprintDay>> days = new TreeMap<>();
        try (PreparedStatement s = store.connection().prepareStatement(
                "SELECT fingerprint, day, packets, sources FROM day_fingerprint WHERE day BETWEEN ? AND ?")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    put(days, r.getString(1), new FingerprintDay(r.getObject(2, LocalDate.class), r.getLong(3), r.getLong(4)));
                }
            }
        }
        for (Day day : store.partedDays(from, to)) {
            for (Map.Entry<Fingerprint, FingerprintState.Result> e : decide(day).entrySet()) {
                long n = e.getValue().sources().getLongCardinality();
                if (n > 0) {
                    put(days, e.getKey().label(), new FingerprintDay(day.date(), e.getValue().packets(), n));
                }
            }
        }
        classes(days, from, to);
        List<Row> rows = new ArrayList<>();
        days.forEach((name, byDay) -> {
            List<FingerprintDay> list = new ArrayList<>(byDay.values());
            rows.add(new Row(name, list.get(0).date(), list.get(list.size() - 1).date(), list));
        });
        return rows;
    }

    private static void put(Map<String, Map<LocalDate, FingerprintDay>> days, String name, FingerprintDay day) {
        days.computeIfAbsent(name, f -> new TreeMap<>()).put(day.date(), day);
    }

    private void classes(Map<String, Map<LocalDate, FingerprintDay>> days, LocalDate from, LocalDate to) throws SQLException {
        Map<String, Map<LocalDate, ClassDay>> classes = new TreeMap<>();
        try (PreparedStatement s = store.connection().prepareStatement("SELECT class, day, packets, " + PartedSets.columns("day, class")
                + " FROM day_class WHERE day BETWEEN ? AND ?")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    classes.computeIfAbsent("class/" + r.getString(1), c -> new TreeMap<>())
                            .computeIfAbsent(r.getObject(2, LocalDate.class), d -> new ClassDay()).add(r);
                }
            }
        }
        classes.forEach((name, byDay) -> byDay.forEach((day, c) -> {
            if (c.packets > 0) {
                put(days, name, new FingerprintDay(day, c.packets, c.sources.cardinality()));
            }
        }));
    }

    /** A traffic class's packets and sources of one day, from its parts. */
    private static final class ClassDay {
        long packets;
        final PartedSets sources = new PartedSets();

        void add(ResultSet r) throws SQLException {
            packets += r.getLong(3);
            sources.add(r, 4);
        }
    }

    /** The sources of a fingerprint on a day (empty if none). */
    public SourceSet sources(Fingerprint fingerprint, LocalDate date) throws SQLException {
        List<Day> parted = store.partedDays(date, date);
        if (!parted.isEmpty()) {
            return SourceSet.of(decide(parted.get(0)).get(fingerprint).sources(), Ipv6Set.EMPTY);
        }
        try (PreparedStatement s = store.connection().prepareStatement(
                "SELECT sources_ipv4 FROM day_fingerprint WHERE fingerprint = ? AND day = ?")) {
            s.setString(1, fingerprint.label());
            s.setObject(2, date);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? SourceSet.fromBytes(r.getBytes(1), null) : SourceSet.EMPTY;
            }
        }
    }

    private Map<Fingerprint, FingerprintState.Result> decide(Day day) throws SQLException {
        return store.read(FingerprintAnalysis.INSTANCE, day).results();
    }
}
