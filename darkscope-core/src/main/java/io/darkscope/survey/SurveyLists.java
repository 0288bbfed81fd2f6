package io.darkscope.survey;

import io.darkscope.sets.Ipv6Set;
import io.darkscope.sets.SourceSet;
import io.darkscope.store.Store;
import org.roaringbitmap.RoaringBitmap;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The survey-scanner lists in the store: imported under their source, read back as the sources
 * listed over a range of days, and as each listed address's organisation.
 */
public final class SurveyLists {
    private static final LocalDate MIN = LocalDate.of(1970, 1, 1);
    private static final LocalDate MAX = LocalDate.of(9999, 12, 31);

    private final Store store;

    public SurveyLists(Store store) {
        this.store = store;
    }

    /** An imported list: its source, format, the ranges and organisations it holds, and when it came. */
    public record Listed(String source, String format, long entries, long organisations, String importedAt) {
    }

    /** Stores a list in place of any list of the same source, in one transaction. */
    public void store(SurveyList list) throws SQLException {
        Connection c = store.connection();
        c.setAutoCommit(false);
        try {
            for (String table : List.of("survey_lists", "survey_scanners", "survey_organisations")) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE source = ?")) {
                    delete.setString(1, list.source());
                    delete.executeUpdate();
                }
            }
            insert(c, list);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void insert(Connection c, SurveyList list) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO survey_lists VALUES (?, ?, ?, ?)")) {
            s.setString(1, list.source());
            s.setString(2, list.format());
            s.setLong(3, list.entries().size());
            s.setTimestamp(4, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO survey_scanners VALUES (?, ?, ?, ?, ?, ?)")) {
            for (SurveyList.Entry e : list.entries()) {
                s.setString(1, list.source());
                s.setLong(2, e.first());
                s.setLong(3, e.last());
                s.setString(4, e.organisation());
                s.setObject(5, e.validFrom());
                s.setObject(6, e.validTo());
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO survey_organisations VALUES (?, ?, ?, ?)")) {
            for (SurveyList.Organisation o : list.organisations()) {
                s.setString(1, list.source());
                s.setString(2, o.name());
                s.setString(3, o.type());
                s.setString(4, o.reference());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Every imported list, by source. */
    public List<Listed> lists() throws SQLException {
        List<Listed> lists = new ArrayList<>();
        try (PreparedStatement s = store.connection().prepareStatement("SELECT l.source, l.format, l.entries, "
                + "(SELECT count(*) FROM survey_organisations o WHERE o.source = l.source), l.imported_at FROM survey_lists l ORDER BY l.source");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                lists.add(new Listed(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getObject(5, LocalDateTime.class).toString()));
            }
        }
        return lists;
    }

    /** The IPv4 addresses listed on any day of the range (null bounds open). */
    public SourceSet sources(LocalDate from, LocalDate to) throws SQLException {
        RoaringBitmap listed = new RoaringBitmap();
        forEachRange(from, to, (first, last, organisation) -> listed.add(first, last + 1));
        return SourceSet.of(listed, Ipv6Set.EMPTY);
    }

    /** The organisations listing addresses on any day of the range, for looking addresses up. */
    public Directory directory(LocalDate from, LocalDate to) throws SQLException {
        TreeMap<Long, long[]> starts = new TreeMap<>();
        List<String> names = new ArrayList<>();
        forEachRange(from, to, (first, last, organisation) -> {
            names.add(organisation);
            starts.put(first, new long[] {last, names.size() - 1});
        });
        return new Directory(starts, names);
    }

    /** Which organisation lists an address (the list entry starting nearest below it). */
    public static final class Directory {
        private final TreeMap<Long, long[]> starts;
        private final List<String> names;

        private Directory(TreeMap<Long, long[]> starts, List<String> names) {
            this.starts = starts;
            this.names = names;
        }

        /** The organisation listing the IPv4 address, or null. */
        public String organisationOf(int address) {
            Map.Entry<Long, long[]> e = starts.floorEntry(address & 0xffffffffL);
            return e != null && e.getValue()[0] >= (address & 0xffffffffL) ? names.get((int) e.getValue()[1]) : null;
        }
    }

    private interface RangeConsumer {
        void range(long first, long last, String organisation);
    }

    private void forEachRange(LocalDate from, LocalDate to, RangeConsumer consumer) throws SQLException {
        try (PreparedStatement s = store.connection().prepareStatement("SELECT first_address, last_address, organisation FROM survey_scanners "
                + "WHERE coalesce(valid_from, DATE '1970-01-01') <= ? AND coalesce(valid_to, DATE '9999-12-31') >= ? ORDER BY first_address")) {
            s.setObject(1, to == null ? MAX : to);
            s.setObject(2, from == null ? MIN : from);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    consumer.range(r.getLong(1), r.getLong(2), r.getString(3));
                }
            }
        }
    }
}
