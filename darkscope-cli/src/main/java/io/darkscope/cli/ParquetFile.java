package io.darkscope.cli;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Writes rows (records) to a Parquet file through an in-memory DuckDB and its COPY: a column per
 * component, in snake case; numbers as BIGINT, INTEGER or DOUBLE, lists as text joined by spaces. The file's
 * name is a parameter of the COPY, never SQL text.
 */
final class ParquetFile {
    private ParquetFile() {
    }

    static <T extends Record> void write(Path file, Class<T> type, List<T> rows) throws SQLException {
        RecordComponent[] components = type.getRecordComponents();
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:", properties); Statement s = c.createStatement()) {
            List<String> columns = new ArrayList<>();
            for (RecordComponent rc : components) {
                columns.add(snake(rc.getName()) + " " + sqlType(rc.getType()));
            }
            s.execute("CREATE TABLE rows (" + String.join(", ", columns) + ")");
            try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class).createAppender("main", "rows")) {
                for (T row : rows) {
                    appender.beginRow();
                    for (RecordComponent rc : components) {
                        append(appender, value(rc, row));
                    }
                    appender.endRow();
                }
            }
            try (PreparedStatement copy = c.prepareStatement("COPY rows TO ? (FORMAT parquet, COMPRESSION zstd)")) {
                copy.setString(1, file.toAbsolutePath().toString());
                copy.execute();
            }
        }
    }

    private static Object value(RecordComponent rc, Record row) {
        try {
            Object v = rc.getAccessor().invoke(row);
            return v instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList()) : v;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void append(DuckDBAppender appender, Object v) throws SQLException {
        if (v == null) {
            appender.appendNull();
        } else if (v instanceof Long n) {
            appender.append((long) n);
        } else if (v instanceof Integer n) {
            appender.append((int) n);
        } else if (v instanceof Double d) {
            appender.append((double) d);
        } else {
            appender.append(v.toString());
        }
    }

    private static String sqlType(Class<?> type) {
        if (type == long.class || type == Long.class) {
            return "BIGINT";
        }
        if (type == int.class || type == Integer.class) {
            return "INTEGER";
        }
        return type == double.class || type == Double.class ? "DOUBLE" : "VARCHAR";
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
