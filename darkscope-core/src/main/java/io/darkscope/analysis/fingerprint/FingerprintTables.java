package io.darkscope.analysis.fingerprint;

import io.darkscope.analysis.AnalysisTables;
import io.darkscope.analysis.ByteOutput;
import io.darkscope.analysis.PartRows;
import io.darkscope.analysis.TableRows;
import io.darkscope.pipeline.Day;
import io.darkscope.sets.SourceSet;
import org.duckdb.DuckDBConnection;
import org.roaringbitmap.RoaringBitmap;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The fingerprints' tables: the per-source evidence that merges (day_fingerprint_state, in the
 * codec's form) and what it decides for a whole day (day_fingerprint).
 */
final class FingerprintTables implements AnalysisTables<FingerprintState> {
    private final FingerprintCodec codec = new FingerprintCodec();

    @Override
    public List<String> schema() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS day_fingerprint_state (day DATE, part BIGINT, state BLOB)",
                "CREATE TABLE IF NOT EXISTS day_fingerprint (day DATE, fingerprint VARCHAR, packets BIGINT, sources BIGINT, sources_ipv4 BLOB)");
    }

    @Override
    public List<String> tables() {
        return List.of("day_fingerprint_state");
    }

    @Override
    public List<String> decidedTables() {
        return List.of("day_fingerprint");
    }

    @Override
    public void write(DuckDBConnection connection, long part, FingerprintState state) throws SQLException {
        if (state.size() == 0) {
            return;
        }
        ByteOutput out = new ByteOutput(state.size() * 8);
        try {
            codec.write(state, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (TableRows rows = new TableRows(connection, "day_fingerprint_state", 3)) {
            rows.row(state.day().date(), part, out.toByteArray());
        }
    }

    @Override
    public FingerprintState read(DuckDBConnection connection, Day day, long part) throws SQLException {
        FingerprintState state = new FingerprintState(day, 0);
        PartRows.forEach(connection, "SELECT state FROM day_fingerprint_state WHERE day = ? AND part = ?", day, part, r -> {
            try {
                state.merge(codec.read(day, new DataInputStream(new ByteArrayInputStream(r.getBytes(1)))));
            } catch (IOException e) {
                throw new SQLException("damaged fingerprint state of " + day + ": " + e.getMessage(), e);
            }
        });
        return state;
    }

    @Override
    public void decide(DuckDBConnection connection, FingerprintState whole) throws SQLException {
        try (TableRows rows = new TableRows(connection, "day_fingerprint", 5)) {
            for (Map.Entry<Fingerprint, FingerprintState.Result> e : whole.results().entrySet()) {
                RoaringBitmap sources = e.getValue().sources();
                if (!sources.isEmpty()) {
                    rows.row(whole.day().date(), e.getKey().label(), e.getValue().packets(), sources.getLongCardinality(),
                            SourceSet.serialize(sources));
                }
            }
        }
    }
}
