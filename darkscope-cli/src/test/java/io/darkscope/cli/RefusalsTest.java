package io.darkscope.cli;

import io.darkscope.store.Store;
import io.darkscope.testing.SyntheticTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.darkscope.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mistake a tester made on the command line: refused with exit status 1 and one line that
 * names the value and says what is allowed, no usage dump, no stack trace, nothing written.
 */
class RefusalsTest {
    @TempDir
    Path dir;

    /** Asserts the refusal: status 1 and exactly this one line on standard error, nothing on standard output. */
    private static void refused(CliTest.Run r, String line) {
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.err().lines().toList()).containsExactly(line);
        assertThat(r.out()).isEmpty();
    }

    /** An empty store: these refusals do not depend on what it holds. */
    private Path store() throws Exception {
        Path data = dir.resolve("data");
        Store.open(data).close();
        return data;
    }

    @Test
    void aDateThatIsNoDayIsNamedWithItsFormat() throws Exception {
        refused(run("stats", "daily", "--from", "2016-02-30"), "darkscope stats daily: --from 2016-02-30 is not a date (YYYY-MM-DD)");
        refused(run("stats", "daily", "--from", "2016-09-20", "--to", "2016-09-19", "--data", store().toString()),
                "darkscope stats daily: --to 2016-09-19 is before --from 2016-09-20");
    }

    @Test
    void anUnknownOptionOrCommandSaysWhereTheyAreListed() {
        refused(run("stats", "daily", "--xyz"), "darkscope stats daily: unknown option --xyz (darkscope stats daily --help lists them)");
        refused(run("stats", "dayly"), "darkscope stats: unknown command dayly (did you mean daily or yearly? darkscope stats --help lists them)");
        refused(run("stats"), "darkscope stats: give a command (darkscope stats --help lists them)");
        refused(run("stats", "sources"), "darkscope stats sources: --port PORTS is required (darkscope stats sources --help)");
        refused(run("stats", "daily", "--from"), "darkscope stats daily: --from needs a value (DATE)");
    }

    @Test
    void aChoiceOutsideItsValuesListsThem() {
        refused(run("stats", "daily", "--format", "xml"), "darkscope stats daily: --format xml is not one of table, json, csv");
        refused(run("ingest", "--summary", "csv", "x.pcap"), "darkscope ingest: --summary csv is not one of table, json");
        refused(run("report", "--year", "2016", "--lang", "fr"), "darkscope report: --lang fr is not one of en, ja");
        refused(run("stats", "traffic", "--resolution", "1m"), "darkscope stats traffic: --resolution 1m is not one of 5m, 1h");
        refused(run("stats", "ports", "--proto", "icmp"), "darkscope stats ports: --proto icmp is not tcp, udp or sctp (the protocols with ports)");
        refused(run("simulate", "--scenario", "nicter-2016", "--out", dir.resolve("s").toString(), "--format", "erf"),
                "darkscope simulate: --format erf is not one of pcap, pcapng");
        refused(run("stats", "sources", "--port", "23/tcp,23/icmp"),
                "darkscope stats sources: --port 23/icmp is not a port such as 23/tcp or 53413/udp (protocol icmp has no ports)");
    }

    @Test
    void countsBelowZeroAreRefused() {
        refused(run("events", "--min-sources", "-5"), "darkscope events: --min-sources -5 is not a whole number of 1 or more");
        refused(run("dos", "--top", "-1"), "darkscope dos: --top -1 is not a whole number of 0 or more");
        refused(run("stats", "countries", "--port", "23/tcp", "--top", "-3"), "darkscope stats countries: --top -3 is not a whole number of 0 or more");
        refused(run("ingest", "--workers", "0", "x.pcap"), "darkscope ingest: --workers 0 is not a whole number of 1 or more");
        refused(run("simulate", "--scenario", "nicter-2016", "--out", "x", "--scale", "-1"), "darkscope simulate: --scale -1 is not a number above 0");
    }

    @Test
    void aConfigurationFileThatIsNotThereIsRefusedByEveryCommand() {
        for (List<String> command : List.of(List.of("stats", "yearly"), List.of("report", "--year", "2016"), List.of("events"))) {
            String name = String.join(" ", command.subList(0, command.get(0).equals("stats") ? 2 : 1));
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--config", "/nonexistent.yaml"));
            refused(run(args.toArray(String[]::new)), "darkscope " + name + ": --config /nonexistent.yaml does not exist");
        }
    }

    @Test
    void eventsOnAMistypedDataDirectoryRefusesAndCreatesNothing() {
        Path typo = dir.resolve("mistyped-dir");
        refused(run("events", "--data", typo.toString()),
                "darkscope events: no darkscope store in " + typo + ": run 'darkscope ingest' first (or give --data DIR)");
        assertThat(typo).doesNotExist();
    }

    @Test
    void ingestOfADirectoryWithoutCapturesSaysSo() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("emptydir"));
        Path darknet = Files.writeString(dir.resolve("darknet.txt"), SyntheticTraffic.DARKNET);
        refused(run("ingest", "--data", dir.resolve("data").toString(), "--darknet", darknet.toString(), empty.toString()),
                "darkscope ingest: no capture files in " + empty);
    }

    @Test
    void aSimulationIsNotWrittenOverAnotherUnlessForced() throws Exception {
        Path out = dir.resolve("sim");
        String[] first = {"simulate", "--scenario", "nicter-2016", "--out", out.toString(), "--from", "2016-11-26", "--to", "2016-11-27",
            "--scale", "0.00001"};
        assertThat(run(first).status()).isZero();
        String[] second = {"simulate", "--scenario", "nicter-2016", "--out", out.toString(), "--from", "2016-11-28", "--to", "2016-11-28",
            "--scale", "0.00001"};
        refused(run(second), "darkscope simulate: --out " + out + " is not empty: give a new directory, or --force to replace the simulation in it");
        Files.writeString(out.resolve("notes.txt"), "mine");
        List<String> forced = new ArrayList<>(List.of(second));
        forced.add("--force");
        assertThat(run(forced.toArray(String[]::new)).status()).isZero();
        try (var files = Files.list(out.resolve("captures"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("nicter-2016-2016-11-28.pcap");
        }
        assertThat(out.resolve("notes.txt")).as("what the simulator did not write is kept").hasContent("mine");
    }

    @Test
    void simulatedDaysOutsideTheScenarioAreRefusedWithItsDays() {
        refused(run("simulate", "--scenario", "nicter-2016", "--out", dir.resolve("s").toString(), "--from", "2015-01-01", "--to", "2015-01-02"),
                "darkscope simulate: --from 2015-01-01 is outside the scenario nicter-2016, which covers 2016-01-01..2016-12-31");
        assertThat(dir.resolve("s")).doesNotExist();
    }

    @Test
    void aReportIsNotWrittenIntoADirectoryThatIsNotThere() {
        Path out = dir.resolve("no-such-dir").resolve("r.html");
        refused(run("report", "--year", "2016", "--out", out.toString()),
                "darkscope report: --out " + out + ": the directory " + out.getParent() + " does not exist (create it first)");
    }

    @Test
    void aCountryTheDataDoesNotKnowIsNamed() throws Exception {
        refused(run("stats", "sources", "--port", "23/tcp", "--country", "J1"),
                "darkscope stats sources: --country J1 is not a two-letter country code (ISO 3166, e.g. JP)");
        CliTest.Run r = run("stats", "sources", "--data", store().toString(), "--port", "23/tcp", "--country", "XX");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("darkscope stats sources: --country XX ")
                .containsAnyOf("is not a country the GeoIP data knows", "needs the GeoIP data");
    }

    @Test
    void controlCharactersInAValueReachTheTerminalEscaped() {
        refused(run("stats", "daily", "--from", "\u001b]0;owned\u0007"), "darkscope stats daily: --from \\u001b]0;owned\\u0007 is not a date (YYYY-MM-DD)");
    }
}
