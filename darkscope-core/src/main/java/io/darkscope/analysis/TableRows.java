package io.darkscope.analysis;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Appends rows to one table: through DuckDB's appender, except rows carrying a large blob, which
 * go through a prepared INSERT: the appender copies a blob of megabytes at a few tens of MB/s,
 * four times slower than a parameter. Values are dates, timestamps, numbers, strings, blobs or null.
 */
public final class TableRows implements AutoCloseable {
    /** Blobs from this size on take the INSERT. */
    private static final int LARGE_BLOB = 1 << 16;

    private final DuckDBAppender appender;
    private final PreparedStatement insert;

    public TableRows(DuckDBConnection connection, String table, int columns) throws SQLException {
        this.appender = connection.createAppender("main", table);
        this.insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?" + ", ?".repeat(columns - 1) + ")");
    }

    public void row(Object... values) throws SQLException {
        boolean large = false;
        for (Object v : values) {
            large |= v instanceof byte[] b && b.length >= LARGE_BLOB;
        }
        if (large) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
            return;
        }
        appender.beginRow();
        for (Object v : values) {
            append(v);
        }
        appender.endRow();
    }

    private void append(Object v) throws SQLException {
        if (v == null) {
            appender.appendNull();
        } else if (v instanceof LocalDate d) {
            appender.append(d);
        } else if (v instanceof LocalDateTime t) {
            appender.append(t);
        } else if (v instanceof Long n) {
            appender.append((long) n);
        } else if (v instanceof Integer n) {
            appender.append((int) n);
        } else if (v instanceof Byte n) {
            appender.append((byte) n);
        } else if (v instanceof String s) {
            appender.append(s);
        } else if (v instanceof byte[] b) {
            appender.append(b);
        } else {
            throw new IllegalArgumentException("no column type for " + v.getClass().getSimpleName());
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            appender.close();
        } finally {
            insert.close();
        }
    }
}
