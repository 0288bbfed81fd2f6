package io.darkscope.cli;

import io.darkscope.query.Exclusion;
import picocli.CommandLine.Option;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** --exclude survey,large,spoofed: sources a statistic leaves out, with their packets. */
final class ExcludeOption {
    @Option(names = "--exclude", paramLabel = "KINDS", split = ",", description = {"Leave out these sources and their packets: survey (on an "
        + "imported list), large (a tenth of the darknet within an hour), spoofed (sent a spoofed-looking packet); comma-separated.",
        "Over a range, a source is left out of all of it if it was of the kind on any day of it."})
    List<Exclusion> kinds = List.of();

    Set<Exclusion> kinds() {
        return kinds.isEmpty() ? EnumSet.noneOf(Exclusion.class) : EnumSet.copyOf(kinds);
    }
}
