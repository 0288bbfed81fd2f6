package io.darkscope.store;

import io.darkscope.analysis.Analyses;
import io.darkscope.analysis.Analysis;
import io.darkscope.analysis.AnalysisState;
import io.darkscope.analysis.AnalysisTables;
import io.darkscope.analysis.DayStates;
import io.darkscope.pipeline.Day;
import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The days as the store holds them: in parts. A commit appends one part of each day it touches,
 * in proportion to its own packets. Parts of a day still open (a live day) merge in tiers, eight
 * of a level into one of the next, so a day of minute commits holds a few dozen parts and each
 * packet's state is rewritten a handful of times. A closed day is compacted into part 0, and
 * what the analyses decide from a whole day is written then. The same packets give the same
 * part 0, whatever parts they came in.
 */
final class Parts {
    /** Parts of one level that merge into one part of the next. */
    static final int FANOUT = 8;
    /** The part of a compacted day. */
    static final long WHOLE = 0;

    private final DuckDBConnection connection;

    Parts(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** A stored part of a day. */
    private record Part(long id, int level) {
    }

    /** Writes a commit's states of a day, and compacts the day if it is closed. */
    void write(long commit, DayStates states, boolean closed) throws SQLException {
        Day day = states.day();
        List<Part> before = parts(day.date());
        if (before.isEmpty() && closed) {
            writeStates(WHOLE, states);
            decide(states);
            addPart(day.date(), WHOLE, 0);
            return;
        }
        deleteDecided(day.date());
        writeStates(commit, states);
        addPart(day.date(), commit, 0);
        if (closed) {
            compactWhole(day);
        } else {
            compactTiers(day);
        }
    }

    /** Compacts a closed day held in parts into part 0, and decides it. */
    void close(Day day) throws SQLException {
        List<Part> parts = parts(day.date());
        if (parts.size() > 1 || parts.size() == 1 && parts.get(0).id() != WHOLE) {
            compactWhole(day);
        }
    }

    /**
     * The days of the range still held in parts (open days: a live sensor's, or one that took
     * parts after it was closed), in order; even one part is not yet the decided day.
     */
    List<LocalDate> partedDays(LocalDate from, LocalDate to) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT day FROM day_parts WHERE day BETWEEN ? AND ? GROUP BY day HAVING count(*) > 1 OR max(part) <> 0 ORDER BY day")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    days.add(r.getObject(1, LocalDate.class));
                }
            }
        }
        return days;
    }

    /** One analysis's state of a whole day, merged from all its parts. */
    <S extends AnalysisState<S>> S read(Analysis<S> analysis, Day day) throws SQLException {
        return merge(analysis, day, parts(day.date()));
    }

    private <S extends AnalysisState<S>> S merge(Analysis<S> analysis, Day day, List<Part> parts) throws SQLException {
        AnalysisTables<S> tables = analysis.tables();
        S merged = tables.read(connection, day, parts.isEmpty() ? WHOLE : parts.get(0).id());
        for (int i = 1; i < parts.size(); i++) {
            merged = merged.merge(tables.read(connection, day, parts.get(i).id()));
        }
        return merged;
    }

    private void compactWhole(Day day) throws SQLException {
        List<Part> parts = parts(day.date());
        DayStates merged = mergeParts(day, parts);
        deleteParts(day.date(), parts);
        writeStates(WHOLE, merged);
        decide(merged);
        addPart(day.date(), WHOLE, 0);
    }

    private void compactTiers(Day day) throws SQLException {
        for (int level = 0; ; level++) {
            int l = level;
            List<Part> tier = parts(day.date()).stream().filter(p -> p.id() != WHOLE && p.level() == l).toList();
            if (tier.size() < FANOUT) {
                return;
            }
            DayStates merged = mergeParts(day, tier);
            deleteParts(day.date(), tier);
            long id = tier.stream().mapToLong(Part::id).max().orElseThrow();
            writeStates(id, merged);
            addPart(day.date(), id, level + 1);
        }
    }

    private DayStates mergeParts(Day day, List<Part> parts) throws SQLException {
        DayStates merged = new DayStates(day);
        for (Analysis<?> analysis : Analyses.all()) {
            addMerged(analysis, day, parts, merged);
        }
        return merged;
    }

    private <S extends AnalysisState<S>> void addMerged(Analysis<S> analysis, Day day, List<Part> parts, DayStates into) throws SQLException {
        into.add(analysis, merge(analysis, day, parts));
    }

    private void writeStates(long part, DayStates states) throws SQLException {
        for (Analysis<?> analysis : Analyses.all()) {
            prepareState(analysis, states);
        }
        for (Analysis<?> analysis : Analyses.all()) {
            writeState(analysis, part, states);
        }
    }

    private static <S extends AnalysisState<S>> void prepareState(Analysis<S> analysis, DayStates states) {
        S state = states.get(analysis);
        if (state != null) {
            analysis.tables().prepare(state);
        }
    }

    private <S extends AnalysisState<S>> void writeState(Analysis<S> analysis, long part, DayStates states) throws SQLException {
        S state = states.get(analysis);
        if (state != null) {
            analysis.tables().write(connection, part, state);
        }
    }

    private void decide(DayStates whole) throws SQLException {
        for (Analysis<?> analysis : Analyses.all()) {
            decide(analysis, whole);
        }
    }

    private <S extends AnalysisState<S>> void decide(Analysis<S> analysis, DayStates whole) throws SQLException {
        S state = whole.get(analysis);
        if (state != null) {
            analysis.tables().decide(connection, state);
        }
    }

    private List<Part> parts(LocalDate day) throws SQLException {
        List<Part> parts = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT part, level FROM day_parts WHERE day = ? ORDER BY part")) {
            s.setObject(1, day);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    parts.add(new Part(r.getLong(1), r.getInt(2)));
                }
            }
        }
        return parts;
    }

    private void addPart(LocalDate day, long part, int level) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO day_parts VALUES (?, ?, ?)")) {
            s.setObject(1, day);
            s.setLong(2, part);
            s.setInt(3, level);
            s.executeUpdate();
        }
    }

    private void deleteParts(LocalDate day, List<Part> parts) throws SQLException {
        List<String> tables = new ArrayList<>(List.of("day_parts"));
        Analyses.all().forEach(a -> tables.addAll(a.tables().tables()));
        for (String table : tables) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE day = ? AND part = ?")) {
                for (Part part : parts) {
                    delete.setObject(1, day);
                    delete.setLong(2, part.id());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
    }

    private void deleteDecided(LocalDate day) throws SQLException {
        for (Analysis<?> analysis : Analyses.all()) {
            for (String table : analysis.tables().decidedTables()) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE day = ?")) {
                    delete.setObject(1, day);
                    delete.executeUpdate();
                }
            }
        }
    }
}
