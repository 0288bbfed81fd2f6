package io.darkscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkscope.sim.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.darkscope.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code darkscope scans}, {@code scanners} and {@code stats --exclude} on the simulator's
 * features scenario (four timed scans, one past midnight in Tokyo, one by masscan; six Censys
 * survey scanners), checked against its truth.
 */
class FindingCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static Path sim;
    private static Path data;
    private static JsonNode truth;

    @BeforeAll
    static void simulateAndIngest() throws Exception {
        Path yaml = dir.resolve("features.yaml");
        try (var in = Simulator.class.getResourceAsStream("features.yaml")) {
            Files.copy(in, yaml);
        }
        sim = dir.resolve("sim");
        data = dir.resolve("data");
        assertThat(run("simulate", "--scenario", yaml.toString(), "--out", sim.toString(), "--scale", "0.01", "--seed", "17").status()).isZero();
        assertThat(run("ingest", "--data", data.toString(), "--config", sim.resolve("darkscope.yaml").toString(),
                sim.resolve(Simulator.CAPTURES).toString()).status()).isZero();
        truth = JSON.readTree(sim.resolve("truth.json").toFile());
    }

    /** The truth's scans as "source port packets destinations", those with at least {@code minDestinations}. */
    private static Set<String> truthScans(int minDestinations) {
        Set<String> scans = new TreeSet<>();
        for (JsonNode t : truth.get("scans")) {
            if (t.get("destinations").asLong() >= minDestinations) {
                scans.add(t.get("source").asText() + " " + t.get("port").asText().split("/")[0] + " " + t.get("packets").asLong()
                        + " " + t.get("destinations").asLong());
            }
        }
        return scans;
    }

    private static Set<String> scans(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("scans", "--data", data.toString(), "--format", "json", "--min-destinations", "1000"));
        args.addAll(List.of(options));
        CliTest.Run r = run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        Set<String> scans = new TreeSet<>();
        for (JsonNode s : JSON.readTree(r.out())) {
            scans.add(s.get("source").asText() + " " + s.get("port").asInt() + " " + s.get("packets").asLong() + " " + s.get("destinations").asLong());
        }
        return scans;
    }

    @Test
    void scansAreTheTruthsTimedScansAndTheirFiltersKeepTheRightOnes() throws Exception {
        assertThat(scans()).isEqualTo(truthScans(0)).hasSize(4);
        assertThat(scans("--port", "3389")).as("the one past midnight").hasSize(1)
                .allMatch(s -> truthScans(0).contains(s) && s.split(" ")[1].equals("3389"));
        assertThat(scans("--min-coverage", "0.09")).as("3,000 of 32,768 addresses and more").isEqualTo(truthScans(2950));
        assertThat(scans("--tool", "masscan")).hasSize(1).allMatch(s -> s.split(" ")[1].equals("80"));
        assertThat(scans("--from", "2016-10-12", "--to", "2016-10-12")).as("started on the 12th, Tokyo time").hasSize(2);
    }

    @Test
    void noScanSaysWhichBarNoneReached() {
        CliTest.Run r = run("scans", "--data", data.toString(), "--min-destinations", "40000");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("(no data)");
        assertThat(r.err()).contains("no scan of 40000 distinct destinations or more matches (--min-destinations lowers the bar)");
        assertThat(run("scans", "--data", data.toString(), "--min-destinations", "1000").err()).doesNotContain("no scan");
    }

    @Test
    void csvHasAHeaderAndALinePerScan() {
        CliTest.Run r = run("scans", "--data", data.toString(), "--format", "csv", "--min-destinations", "1000");
        assertThat(r.out().lines().toList()).hasSize(1 + 4);
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("source,port,type,first,last,duration_seconds,packets,bytes,destinations");
    }

    @Test
    void parquetExportHoldsTheScansUnderAnAwkwardFileName() throws Exception {
        Path file = dir.resolve("it's; DROP.parquet");
        assertThat(run("scans", "--data", data.toString(), "--min-destinations", "1000", "--format", "csv", "--parquet", file.toString())
                .status()).isZero();
        Set<String> rows = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement s = c.prepareStatement("SELECT source, port, packets, destinations, coverage FROM read_parquet(?)")) {
            s.setString(1, file.toString());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getInt(2) + " " + r.getLong(3) + " " + r.getLong(4));
                    assertThat(r.getDouble(5)).isEqualTo(r.getLong(4) / 32_768.0);
                }
            }
        }
        assertThat(rows).isEqualTo(truthScans(0));
    }

    /** The store copied, a list imported into the copy, and the survey days it then counts. */
    private static JsonNode surveyDaysAfterImporting(String name, Path list, String... options) throws Exception {
        Path copy = dir.resolve("data-" + name);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(data.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        List<String> args = new ArrayList<>(List.of("scanners", "import", "--data", copy.toString(), list.toString()));
        args.addAll(List.of(options));
        CliTest.Run imported = run(args.toArray(String[]::new));
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(JSON.readTree(run("scanners", "lists", "--data", copy.toString(), "--format", "json").out()).get(0).get("source").asText())
                .isEqualTo(list.getFileName().toString());
        return JSON.readTree(run("scanners", "survey", "--data", copy.toString(), "--format", "json").out());
    }

    private static void assertSurveyDaysAreTheTruths(JsonNode days) {
        assertThat(days).hasSize(truth.get("days").size());
        for (int i = 0; i < days.size(); i++) {
            JsonNode t = truth.get("days").get(i);
            assertThat(days.get(i).get("date").asText()).isEqualTo(t.get("date").asText());
            assertThat(days.get(i).get("packets").asLong()).isEqualTo(t.at("/survey/Censys/packets").asLong());
            assertThat(days.get(i).get("sources").asLong()).isEqualTo(t.at("/survey/Censys/sources").asLong());
        }
    }

    @Test
    void nictJsonCidrListAndAServicesCsvEachCountTheSurveyScanners() throws Exception {
        assertSurveyDaysAreTheTruths(surveyDaysAfterImporting("json", sim.resolve(Simulator.SURVEY_JSON)));
        Path cidrs = dir.resolve("censys.txt");
        Files.writeString(cidrs, "# Censys\n162.142.125.0/24\n");
        assertSurveyDaysAreTheTruths(surveyDaysAfterImporting("cidr", cidrs, "--org", "Censys"));
        StringBuilder csv = new StringBuilder("ip,name,first_seen,last_seen\n");
        for (JsonNode e : JSON.readTree(sim.resolve(Simulator.SURVEY_JSON).toFile())) {
            csv.append(e.get("ip").asText()).append(",Censys,2016-10-01,").append(e.get("last_seen").asText()).append('\n');
        }
        Path export = dir.resolve("export.csv");
        Files.writeString(export, csv);
        assertSurveyDaysAreTheTruths(surveyDaysAfterImporting("csv", export));
    }

    @Test
    void statsWithoutSurveyScannersLeaveOutTheirSources() throws Exception {
        surveyDaysAfterImporting("exclude", sim.resolve(Simulator.SURVEY_JSON));
        Path copy = dir.resolve("data-exclude");
        JsonNode days = JSON.readTree(run("stats", "daily", "--data", copy.toString(), "--format", "json", "--exclude", "survey").out());
        for (int i = 0; i < days.size(); i++) {
            JsonNode t = truth.get("days").get(i);
            assertThat(days.get(i).at("/sources/all").asLong()).isEqualTo(t.at("/sources/all").asLong() - t.at("/survey/Censys/sources").asLong());
            assertThat(days.get(i).at("/packets/total").asLong()).isEqualTo(t.at("/packets/total").asLong() - t.at("/survey/Censys/packets").asLong());
        }
    }

    @Test
    void wrongValuesGetOneLine() {
        assertThat(run("scans", "--data", data.toString(), "--min-coverage", "2").err()).contains("--min-coverage").contains("0 to 1");
        assertThat(run("scans", "--data", data.toString(), "--asn", "ASX").err()).contains("is not an AS number");
        assertThat(run("stats", "daily", "--data", data.toString(), "--exclude", "malware").err()).contains("--exclude").doesNotContain("Exception");
    }
}
