package io.darkscope.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkscope.analysis.scan.ScanQueries;
import io.darkscope.geo.GeoData;
import io.darkscope.store.Store;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every analysis table and every answer of a store, as text (rows in order, blobs in hex): what
 * must be equal however the same packets reached two stores.
 */
public final class StoreSnapshot {
    /** The tables an analysis writes; provenance (ledger, commits) differs by design and is left out. */
    public static final List<String> TABLES = List.of("day_totals", "day_protocol", "day_port", "day_class", "traffic_5min",
            "day_fingerprint_state", "day_fingerprint", "day_backscatter", "day_spoofed", "day_scan", "day_scan_quiet", "day_monitored", "day_parts", "events");
    private static final ObjectMapper JSON = Json.MAPPER;

    private StoreSnapshot() {
    }

    /** The snapshot of a store; {@code tables} may leave out day_parts, whose part count depends on how often it committed. */
    public static Map<String, List<String>> of(Path data, GeoData geo, List<String> tables) throws Exception {
        Map<String, List<String>> snapshot = new LinkedHashMap<>();
        try (Store store = Store.openReadOnly(data); Statement s = store.connection().createStatement()) {
            for (String table : tables) {
                String columns = table.equals("events") ? "* EXCLUDE (detected_at)" : "*";
                snapshot.put(table, rows(s.executeQuery("SELECT " + columns + " FROM " + table + " ORDER BY ALL")));
            }
            QueryService q = new QueryService(store, geo);
            snapshot.put("answers", List.of(JSON.writeValueAsString(q.yearly()), JSON.writeValueAsString(q.daily(null, null)),
                    JSON.writeValueAsString(q.ports(null, null, 0, null)), JSON.writeValueAsString(q.fingerprints(null, null)),
                    JSON.writeValueAsString(q.dos(null, null, 0)), JSON.writeValueAsString(q.events(null, null)),
                    JSON.writeValueAsString(q.traffic(null, null, false)), JSON.writeValueAsString(q.spoofed(null, null)),
                    JSON.writeValueAsString(q.scans(new ScanQueries.Filter(null, null, null, null, null, 1, 0, ScanQueries.TIMEOUT_SECONDS), null, null)),
                    JSON.writeValueAsString(q.largeScanners(null, null)), JSON.writeValueAsString(q.signatures(null, null, null, 0))));
        }
        return snapshot;
    }

    /** The rows of a query as text, blobs in hex. */
    public static List<String> rows(ResultSet r) throws SQLException {
        List<String> rows = new ArrayList<>();
        ResultSetMetaData meta = r.getMetaData();
        while (r.next()) {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                Object v = r.getObject(c);
                row.append(v instanceof java.sql.Blob || "BLOB".equals(meta.getColumnTypeName(c))
                        ? (r.getBytes(c) == null ? "null" : HexFormat.of().formatHex(r.getBytes(c))) : String.valueOf(v)).append('|');
            }
            rows.add(row.toString());
        }
        r.close();
        return rows;
    }
}
