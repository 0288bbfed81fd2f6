package io.darkscope.analysis;

import io.darkscope.pipeline.Day;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the rows of one stored part of a day, for {@link AnalysisTables#read}. */
public final class PartRows {
    /** What to do with each row. */
    public interface Reader {
        void read(ResultSet row) throws SQLException;
    }

    private PartRows() {
    }

    /** Runs a query whose parameters are the day and the part ({@code WHERE day = ? AND part = ?}), row by row. */
    public static void forEach(Connection connection, String sql, Day day, long part, Reader reader) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setObject(1, day.date());
            s.setLong(2, part);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    reader.read(r);
                }
            }
        }
    }
}
