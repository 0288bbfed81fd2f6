package io.darkscope.cli;

import picocli.CommandLine.Option;

import java.time.LocalDate;

/** --from and --to, both inclusive days (YYYY-MM-DD). */
final class DateRange {
    @Option(names = "--from", paramLabel = "DATE", description = "First day, inclusive (YYYY-MM-DD).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day, inclusive (YYYY-MM-DD).")
    LocalDate to;

    void check() {
        check(from, to);
    }

    static void check(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
    }
}
