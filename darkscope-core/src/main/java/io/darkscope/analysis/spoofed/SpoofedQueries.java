package io.darkscope.analysis.spoofed;

import io.darkscope.sets.PartedSets;
import io.darkscope.sets.SourceSet;
import io.darkscope.store.DateRanges;
import io.darkscope.store.Store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Spoofed-looking packets from the store: per day and kind, and the sources to leave out of other counts. */
public final class SpoofedQueries {
    private final Store store;

    public SpoofedQueries(Store store) {
        this.store = store;
    }

    /** One kind's packets and distinct sources on a day. */
    public record KindDay(LocalDate date, String kind, long packets, long sources) {
    }

    /** Every day and kind with packets in the range, by day then kind. */
    public List<KindDay> days(LocalDate from, LocalDate to) throws SQLException {
        Map<String, long[]> packets = new LinkedHashMap<>();
        Map<String, PartedSets> sources = new LinkedHashMap<>();
        String sql = "SELECT day, kind, packets, count(*) OVER (PARTITION BY day, kind), sources, "
                + "CASE WHEN count(*) OVER (PARTITION BY day, kind) > 1 THEN sources_ipv4 END, NULL "
                + "FROM day_spoofed WHERE day BETWEEN ? AND ? ORDER BY day, kind";
        try (PreparedStatement s = store.connection().prepareStatement(sql)) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String key = r.getObject(1, LocalDate.class) + " " + r.getString(2);
                    packets.computeIfAbsent(key, k -> new long[1])[0] += r.getLong(3);
                    sources.computeIfAbsent(key, k -> new PartedSets()).add(r, 4);
                }
            }
        }
        List<KindDay> rows = new ArrayList<>();
        packets.forEach((key, n) -> {
            String[] dayKind = key.split(" ");
            rows.add(new KindDay(LocalDate.parse(dayKind[0]), dayKind[1], n[0], sources.get(key).cardinality()));
        });
        return rows;
    }

    /** The sources that sent a spoofed-looking packet of any kind on any day of the range. */
    public SourceSet sources(LocalDate from, LocalDate to) throws SQLException {
        List<SourceSet> sets = new ArrayList<>();
        try (PreparedStatement s = store.connection().prepareStatement("SELECT sources_ipv4 FROM day_spoofed WHERE day BETWEEN ? AND ?")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sets.add(SourceSet.fromBytes(r.getBytes(1), null));
                }
            }
        }
        return SourceSet.union(sets);
    }
}
