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
 * The table day_scan: a day part's activity records ({@link RecordWriter}'s encoding), a row per
 * chunk of whole sources, with the chunk's first and last source so that the sources asked for
 * are read alone.
 */
final class ScanTables implements AnalysisTables<DayScans> {
    @Override
    public List<String> schema() {
        return List.of("CREATE TABLE IF NOT EXISTS day_scan (day DATE, part BIGINT, first_source BIGINT, last_source BIGINT, "
                + "records BIGINT, data BLOB)");
    }

    @Override
    public List<String> tables() {
        return List.of("day_scan");
    }

    @Override
    public void write(DuckDBConnection connection, long part, DayScans day) throws SQLException {
        try (TableRows rows = new TableRows(connection, "day_scan", 6)) {
            day.forEachChunk((RecordWriter.ChunkSink<SQLException>) c -> rows.row(day.day().date(), part, c.firstSource() & 0xffffffffL,
                    c.lastSource() & 0xffffffffL, (long) c.records(), c.bytes()));
        }
    }

    @Override
    public DayScans read(DuckDBConnection connection, Day day, long part) throws SQLException {
        List<Chunk> chunks = new ArrayList<>();
        PartRows.forEach(connection, "SELECT first_source, last_source, records, data FROM day_scan WHERE day = ? AND part = ? "
                + "ORDER BY first_source", day, part, r -> chunks.add(new Chunk(r.getBytes(4), (int) r.getLong(1), (int) r.getLong(2),
                (int) r.getLong(3))));
        DayScans state = new DayScans(day);
        state.addRun(chunks);
        return state;
    }
}
