package io.darkscope.analysis.spoofed;

import io.darkscope.analysis.AnalysisTables;
import io.darkscope.analysis.PartRows;
import io.darkscope.analysis.TableRows;
import io.darkscope.pipeline.Day;
import io.darkscope.sets.SourceSet;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.util.List;

/** The table day_spoofed: per day, part and kind, packets and distinct IPv4 sources. */
final class SpoofedTables implements AnalysisTables<DaySpoofed> {
    @Override
    public List<String> schema() {
        return List.of("CREATE TABLE IF NOT EXISTS day_spoofed (day DATE, part BIGINT, kind VARCHAR, packets BIGINT, "
                + "sources BIGINT, sources_ipv4 BLOB)");
    }

    @Override
    public List<String> tables() {
        return List.of("day_spoofed");
    }

    @Override
    public void write(DuckDBConnection connection, long part, DaySpoofed day) throws SQLException {
        try (TableRows rows = new TableRows(connection, "day_spoofed", 6)) {
            for (SpoofKind kind : SpoofKind.values()) {
                int k = kind.ordinal();
                if (day.packets[k] > 0) {
                    rows.row(day.day().date(), part, kind.label(), day.packets[k], day.sources[k].getLongCardinality(),
                            SourceSet.serialize(day.sources[k]));
                }
            }
        }
    }

    @Override
    public DaySpoofed read(DuckDBConnection connection, Day day, long part) throws SQLException {
        DaySpoofed state = new DaySpoofed(day);
        PartRows.forEach(connection, "SELECT kind, packets, sources_ipv4 FROM day_spoofed WHERE day = ? AND part = ?", day, part, r -> {
            int k = SpoofKind.valueOf(r.getString(1).toUpperCase(java.util.Locale.ROOT)).ordinal();
            state.packets[k] = r.getLong(2);
            state.sources[k] = SourceSet.fromBytes(r.getBytes(3), null).ipv4Bitmap();
        });
        return state;
    }
}
