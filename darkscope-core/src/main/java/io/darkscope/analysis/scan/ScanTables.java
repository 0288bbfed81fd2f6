package io.darkscope.analysis.scan;

import io.darkscope.analysis.AnalysisTables;
import io.darkscope.analysis.PartRows;
import io.darkscope.analysis.TableRows;
import io.darkscope.pipeline.Day;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables day_scan and day_scan_quiet: a day part's activity records ({@link RecordWriter}'s
 * encoding), a row per chunk of whole sources, with the chunk's first and last source so that the
 * sources asked for are read alone. A part is two runs, the quiet keys ({@link QuietKeys}) in
 * day_scan_quiet and the others in day_scan, so that a query for scans in a day of one part reads
 * day_scan alone (DuckDB reads a table's blobs whole, whichever rows a filter keeps). The blobs are
 * compressed with zstd by name: left to choose, DuckDB tries every method on them at a checkpoint,
 * about a second more on the outbreak day for the same size.
 */
final class ScanTables implements AnalysisTables<DayScans> {
    /** The others, then the quiet keys. */
    static final List<String> TABLES = List.of("day_scan", "day_scan_quiet");

    @Override
    public List<String> schema() {
        return TABLES.stream().map(t -> "CREATE TABLE IF NOT EXISTS " + t + " (day DATE, part BIGINT, first_source BIGINT, last_source BIGINT, "
                + "records BIGINT, data BLOB USING COMPRESSION zstd)").toList();
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    /** The records' merge starts while the store writes the other analyses' tables. */
    @Override
    public void prepare(DayScans day) {
        day.startWrite();
    }

    @Override
    public void write(DuckDBConnection connection, long part, DayScans day) throws SQLException {
        try (TableRows others = new TableRows(connection, TABLES.get(0), 6); TableRows quiet = new TableRows(connection, TABLES.get(1), 6)) {
            day.write(c -> row(others, day, part, c), c -> row(quiet, day, part, c));
        }
    }

    private static void row(TableRows rows, DayScans day, long part, Chunk c) throws SQLException {
        rows.row(day.day().date(), part, c.firstSource() & 0xffffffffL, c.lastSource() & 0xffffffffL, (long) c.records(), c.bytes());
    }

    @Override
    public DayScans read(DuckDBConnection connection, Day day, long part) throws SQLException {
        DayScans state = new DayScans(day);
        for (String table : TABLES) {
            List<Chunk> chunks = new ArrayList<>();
            PartRows.forEach(connection, "SELECT first_source, last_source, records, data FROM " + table + " WHERE day = ? AND part = ? "
                    + "ORDER BY first_source", day, part, r -> chunks.add(new Chunk(r.getBytes(4), (int) r.getLong(1), (int) r.getLong(2),
                    (int) r.getLong(3))));
            state.addRun(chunks);
        }
        return state;
    }
}
