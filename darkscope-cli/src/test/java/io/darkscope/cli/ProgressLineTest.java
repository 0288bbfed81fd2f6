package io.darkscope.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line on an 80-column terminal and on a wide one: the bar stays, facts that do not fit go. */
class ProgressLineTest {
    private static final List<String> FACTS = List.of("file 120/366", "ETA 0:00:12", "452,603 records/s", "123/411 MiB");

    private static int barWidth(String line) {
        return line.indexOf(']') - line.indexOf('[') - 1;
    }

    @Test
    void onEightyColumnsTheBarKeepsItsWidthAndTheFirstFactsShowWhole() {
        String line = ProgressLine.render("ingest", 123, 411, FACTS, 80);
        assertThat(line).hasSizeLessThan(80).startsWith("ingest  29% [")
                .endsWith("] file 120/366, ETA 0:00:12, 452,603 records/s");
        assertThat(barWidth(line)).isGreaterThanOrEqualTo(ProgressLine.MIN_BAR);
        assertThat(line.substring(line.indexOf('[') + 1, line.indexOf(']'))).matches("=+ +");
    }

    @Test
    void aWideTerminalShowsEveryFactAndALongerBar() {
        String line = ProgressLine.render("ingest", 411, 411, FACTS, 160);
        assertThat(line).hasSize(159).endsWith("] file 120/366, ETA 0:00:12, 452,603 records/s, 123/411 MiB");
        assertThat(line.substring(line.indexOf('[') + 1, line.indexOf(']'))).matches("=+");
    }

    @Test
    void aNarrowTerminalLosesTheFactsNotTheBar() {
        String line = ProgressLine.render("simulate", 183, 366, List.of("day 183/366"), 40);
        assertThat(line).hasSize(39).startsWith("simulate  50% [").endsWith("]");
        assertThat(barWidth(line)).isGreaterThanOrEqualTo(ProgressLine.MIN_BAR);
    }
}
