package io.darkscope.store;

import io.darkscope.aggregate.DayFingerprints;
import io.darkscope.aggregate.SourceSet;
import io.darkscope.aggregate.SourceStates;
import io.darkscope.classify.Fingerprint;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.roaringbitmap.RoaringBitmap;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fingerprints' tables: the per-source state that merges (day_fingerprint_state) and what it decides (day_fingerprint). */
final class FingerprintTables {
    static final List<String> TABLES = List.of("day_fingerprint_state", "day_fingerprint");

    private final DuckDBConnection connection;

    FingerprintTables(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** The stored state of a day, empty if none. */
    DayFingerprints load(LocalDate date) throws SQLException {
        DayFingerprints day = new DayFingerprints(date);
        try (PreparedStatement s = connection.prepareStatement("SELECT rule, state FROM day_fingerprint_state WHERE day = ?")) {
            s.setObject(1, date);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    DayFingerprints.Rule rule = DayFingerprints.Rule.valueOf(r.getString(1).toUpperCase(Locale.ROOT));
                    day.state(rule).putAll(SourceStates.fromBytes(r.getBytes(2)));
                }
            }
        }
        return day;
    }

    void write(List<DayFingerprints> days) throws SQLException {
        try (DuckDBAppender states = connection.createAppender("main", "day_fingerprint_state");
             DuckDBAppender results = connection.createAppender("main", "day_fingerprint")) {
            for (DayFingerprints day : days) {
                for (DayFingerprints.Rule rule : DayFingerprints.Rule.values()) {
                    if (!day.state(rule).isEmpty()) {
                        states.beginRow().append(day.date()).append(rule.name().toLowerCase(Locale.ROOT))
                                .append(SourceStates.toBytes(day.state(rule))).endRow();
                    }
                }
                for (Map.Entry<Fingerprint, DayFingerprints.Result> e : day.results().entrySet()) {
                    RoaringBitmap sources = e.getValue().sources();
                    if (sources.isEmpty()) {
                        continue;
                    }
                    results.beginRow().append(day.date()).append(e.getKey().label()).append(e.getValue().packets())
                            .append(sources.getLongCardinality()).append(SourceSet.serialize(sources)).endRow();
                }
            }
        }
    }
}
