package io.darkscope.sets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One set of sources as the store may hold it: a single row, whose count is stored beside the
 * set, or several rows (the parts of a day not yet merged, or the days of a range) whose union
 * has to be computed. Queries select the rows with {@link #columns} and add each row of the set
 * here; the blobs are read only when the set has more than one row.
 */
public final class PartedSets {
    /**
     * The columns to select, with {@code %s} the columns that name one set (e.g. "day, protocol"):
     * the number of the set's rows, its stored count, and its blobs when it has several rows.
     */
    private static final String COLUMNS = "count(*) OVER (PARTITION BY %1$s) AS parts, sources, "
            + "CASE WHEN count(*) OVER (PARTITION BY %1$s) > 1 THEN sources_ipv4 END, "
            + "CASE WHEN count(*) OVER (PARTITION BY %1$s) > 1 THEN sources_ipv6 END";

    private static final String COLUMNS_WITH_SETS = "count(*) OVER (PARTITION BY %1$s) AS parts, sources, sources_ipv4, sources_ipv6";

    private long single;
    private final List<SourceSet> parts = new ArrayList<>();

    /** The select list for sets named by {@code keyColumns}. */
    public static String columns(String keyColumns) {
        return String.format(COLUMNS, keyColumns);
    }

    /** The select list for sets named by {@code keyColumns} whose blobs are read even when a set has one row. */
    public static String columnsWithSets(String keyColumns) {
        return String.format(COLUMNS_WITH_SETS, keyColumns);
    }

    /** Adds a row read with {@link #columns} or {@link #columnsWithSets}, whose first column of the four is at {@code column}. */
    public PartedSets add(ResultSet row, int column) throws SQLException {
        single = row.getLong(column + 1);
        byte[] ipv4 = row.getBytes(column + 2);
        if (ipv4 != null) {
            parts.add(SourceSet.fromBytes(ipv4, row.getBytes(column + 3)));
        }
        return this;
    }

    /** Distinct sources of the set. */
    public long cardinality() {
        return parts.isEmpty() ? single : SourceSet.union(parts).cardinality();
    }

    /** Distinct sources of the set but the excluded ones; the rows must have been read {@link #columnsWithSets with their sets}. */
    public long cardinalityWithout(SourceSet excluded) {
        return excluded.cardinality() == 0 ? cardinality() : SourceSet.union(parts).minus(excluded).cardinality();
    }
}
