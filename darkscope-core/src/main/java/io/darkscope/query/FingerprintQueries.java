package io.darkscope.query;

import io.darkscope.store.Store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scanner fingerprints and traffic classes day by day, from the store. Classes are listed as
 * "class/scan", "class/backscatter" and "class/other".
 */
public final class FingerprintQueries {
    private static final String SQL = "SELECT fingerprint, day, packets, sources FROM day_fingerprint WHERE day BETWEEN ? AND ? "
            + "UNION ALL SELECT 'class/' || class, day, packets, sources FROM day_class WHERE day BETWEEN ? AND ? AND packets > 0 "
            + "ORDER BY 1, 2";

    private final Store store;

    public FingerprintQueries(Store store) {
        this.store = store;
    }

    /** Every fingerprint seen in the range, with its days. */
    public List<Rows.Fingerprint> fingerprints(LocalDate from, LocalDate to) throws SQLException {
        Map<String, List<Rows.FingerprintDay>> days = new LinkedHashMap<>();
        try (PreparedStatement s = store.connection().prepareStatement(SQL)) {
            DateRanges.bind(s, 1, from, to);
            DateRanges.bind(s, 3, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    days.computeIfAbsent(r.getString(1), f -> new ArrayList<>())
                            .add(new Rows.FingerprintDay(r.getObject(2, LocalDate.class), r.getLong(3), r.getLong(4)));
                }
            }
        }
        List<Rows.Fingerprint> rows = new ArrayList<>();
        days.forEach((name, list) -> rows.add(new Rows.Fingerprint(name, list.get(0).date(), list.get(list.size() - 1).date(), list)));
        return rows;
    }
}
