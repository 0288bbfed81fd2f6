package io.darkscope.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/** Binds an inclusive day range to a {@code BETWEEN ? AND ?}; a null end is open. */
public final class DateRanges {
    private static final LocalDate MIN = LocalDate.of(1970, 1, 1);
    private static final LocalDate MAX = LocalDate.of(9999, 12, 31);

    private DateRanges() {
    }

    public static void bind(PreparedStatement s, int first, LocalDate from, LocalDate to) throws SQLException {
        s.setObject(first, from == null ? MIN : from);
        s.setObject(first + 1, to == null ? MAX : to);
    }
}
