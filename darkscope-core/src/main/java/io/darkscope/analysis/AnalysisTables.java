package io.darkscope.analysis;

import io.darkscope.pipeline.Day;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.util.List;

/**
 * An analysis's tables in the store. The store keeps a day as parts: every commit appends one
 * part of the days it touches, and compaction merges parts into one. Each table therefore starts
 * with the columns {@code day DATE, part BIGINT}; its rows of one part hold that part's state
 * entirely, so that {@link #read} of a part gives back the state that {@link #write} wrote.
 *
 * @param <S> the state of one day
 */
public interface AnalysisTables<S extends AnalysisState<S>> {
    /** The statements that create the tables if they do not exist. */
    List<String> schema();

    /** Every table holding parts, for the store to delete merged parts. */
    List<String> tables();

    /**
     * Called for every analysis before the tables of a part are written: an analysis whose rows
     * take long to make may start making them here, on threads of its own, while the store
     * writes the others' ({@link #write} then takes them). Most analyses do nothing.
     */
    default void prepare(S state) {
    }

    /** Appends the rows of one part. */
    void write(DuckDBConnection connection, long part, S state) throws SQLException;

    /** The state of one part of a day (an empty state if the part has no rows here). */
    S read(DuckDBConnection connection, Day day, long part) throws SQLException;

    /**
     * Writes what is decided from a whole day's state, for a day held as one part; the store
     * deletes those rows when another part of the day arrives. Most analyses decide nothing.
     */
    default void decide(DuckDBConnection connection, S whole) throws SQLException {
    }

    /** Tables written by {@link #decide}, keyed by day only. */
    default List<String> decidedTables() {
        return List.of();
    }
}
