package io.darkscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkscope.decode.IpProtocol;
import io.darkscope.testing.Reference;
import io.darkscope.testing.SyntheticTraffic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a script or a person uses it: exit statuses, messages, and the three output formats. */
class CliTest {
    private static final long START = 1_474_243_200L; // 2016-09-19T00:00:00Z

    @TempDir
    Path dir;
    private Path data;
    private Path darknet;
    private Path captures;
    private List<SyntheticTraffic.Packet> packets;

    /** What a command printed and returned. */
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = Darkscope.commandLineFor(args); // as main runs them
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @BeforeEach
    void writeCaptures() throws Exception {
        data = dir.resolve("data");
        darknet = dir.resolve("darknet.txt");
        Files.writeString(darknet, SyntheticTraffic.DARKNET);
        captures = Files.createDirectories(dir.resolve("captures"));
        packets = SyntheticTraffic.generate(5, 12_000, 1_000, START, 3 * 86_400L);
        SyntheticTraffic.writePcap(captures.resolve("a.pcap"), packets.subList(0, 6_000));
        SyntheticTraffic.writePcap(captures.resolve("b.pcap"), packets.subList(6_000, 12_000));
    }

    private Run ingest(String... extra) {
        List<String> args = new ArrayList<>(List.of("ingest", "--data", data.toString(), "--darknet", darknet.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void jsonShapesAreTheDocumentedOnesWithTheTrueNumbers() throws Exception {
        assertThat(ingest(captures.toString()).status()).isZero();
        Map<LocalDate, Reference.Day> truth = Reference.of(packets, ZoneId.of("UTC"));
        ObjectMapper json = new ObjectMapper();

        JsonNode yearly = json.readTree(run("stats", "yearly", "--data", data.toString(), "--format", "json").out());
        assertThat(fieldNames(yearly.get(0))).containsExactly("year", "packets", "addresses", "packets_per_address");
        assertThat(yearly.get(0).get("addresses").asLong()).isEqualTo(256);

        JsonNode daily = json.readTree(run("stats", "daily", "--data", data.toString(), "--format", "json").out());
        assertThat(daily).hasSize(truth.size());
        JsonNode first = daily.get(0);
        assertThat(fieldNames(first)).containsExactly("date", "packets", "sources");
        assertThat(fieldNames(first.get("packets"))).containsExactly("tcp", "udp", "icmp", "other", "total");
        assertThat(fieldNames(first.get("sources"))).containsExactly("all", "tcp", "udp", "icmp");
        Reference.Day day = truth.get(LocalDate.parse(first.get("date").asText()));
        assertThat(first.get("packets").get("total").asLong()).isEqualTo(day.total());
        assertThat(first.get("sources").get("tcp").asLong()).isEqualTo(day.sourcesOfProtocols(IpProtocol.TCP));

        JsonNode ports = json.readTree(run("stats", "ports", "--data", data.toString(), "--format", "json", "--top", "3",
                "--proto", "udp").out());
        assertThat(ports).hasSize(3);
        assertThat(fieldNames(ports.get(0))).containsExactly("port", "proto", "packets", "share", "sources");
        assertThat(ports.get(0).get("proto").asText()).isEqualTo("udp");

        LocalDate second = START_DATE.plusDays(1);
        JsonNode sources = json.readTree(run("stats", "sources", "--data", data.toString(), "--format", "json",
                "--port", "23/tcp,2323/tcp", "--from", second.toString(), "--to", second.toString()).out());
        assertThat(sources).hasSize(1);
        assertThat(fieldNames(sources.get(0))).containsExactly("date", "sources");
        assertThat(sources.get(0).get("sources").asLong()).isEqualTo(truth.get(second).sourcesOf("23/6", "2323/6"));
    }

    private static final LocalDate START_DATE = LocalDate.of(2016, 9, 19);

    @Test
    void csvAndTableCarryTheSameNumbersAsJson() throws Exception {
        ingest(captures.toString());
        Run csv = run("stats", "daily", "--data", data.toString(), "--format", "csv");
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("date,packets_tcp,packets_udp,packets_icmp,packets_other,packets_total,"
                + "sources_all,sources_tcp,sources_udp,sources_icmp");
        Reference.Day day = Reference.of(packets, ZoneId.of("UTC")).get(START_DATE);
        String[] cells = lines.get(1).split(",");
        assertThat(cells[0]).isEqualTo("2016-09-19");
        assertThat(Long.parseLong(cells[5])).isEqualTo(day.total());
        assertThat(Long.parseLong(cells[6])).isEqualTo(day.sources.size());
        Run table = run("stats", "daily", "--data", data.toString());
        assertThat(table.out().lines().skip(1).findFirst().orElseThrow())
                .startsWith("2016-09-19").contains(String.format("%,d", day.total()));
        Run ports = run("stats", "ports", "--data", data.toString(), "--format", "csv", "--top", "0");
        assertThat(ports.out().lines().findFirst().orElseThrow()).isEqualTo("port,proto,packets,share,sources");
    }

    @Test
    void ingestExitsNonZeroForAnUnreadableFileAfterIngestingTheRest() throws Exception {
        Files.writeString(captures.resolve("notes.txt"), "hello");
        Run r = ingest(captures.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("rejected: ").contains("notes.txt").contains("not a capture").contains("2 ok");
        assertThat(r.err()).doesNotContain("Exception");
        long total = run("stats", "daily", "--data", data.toString(), "--format", "json").out().lines().count();
        assertThat(total).isPositive();
    }

    @Test
    void mistakesGetAMessageNotAStackTrace() throws Exception {
        Run noStore = run("stats", "daily", "--data", dir.resolve("nowhere").toString());
        assertThat(noStore.status()).isEqualTo(1);
        assertThat(noStore.err()).contains("run 'darkscope ingest' first").doesNotContain("at io.darkscope");

        Files.writeString(darknet, "198.51.100.0/24\n198.51.100.9/24\n");
        Run badList = ingest(captures.toString());
        assertThat(badList.status()).isEqualTo(1);
        assertThat(badList.err()).contains("darknet.txt:2:").contains("host bits");

        Run noRegistry = run("ingest", "--data", dir.resolve("fresh").toString(), captures.toString());
        assertThat(noRegistry.err()).contains("no darknet prefixes");

        Run badPort = run("stats", "sources", "--data", data.toString(), "--port", "23/icmp");
        assertThat(badPort.status()).isNotZero();

        Run badLanguage = run("report", "--data", data.toString(), "--year", "2016", "--lang", "fr");
        assertThat(badLanguage.status()).isNotZero();
        assertThat(badLanguage.err()).contains("--lang fr is not one of en, ja").doesNotContain("Exception");
        Run badDate = run("stats", "daily", "--data", data.toString(), "--from", "2016-13-01");
        assertThat(badDate.status()).isEqualTo(1);
        assertThat(badDate.err()).contains("--from 2016-13-01 is not a date").doesNotContain("Usage");
    }

    @Test
    void aConfigFileSetsTheTimeZoneAndTheRegistryWithValidityDates() throws Exception {
        Path config = dir.resolve("darkscope.yaml");
        Files.writeString(config, """
                timezone: Asia/Tokyo
                darknet:
                  - prefix: 198.51.100.0/25
                    to: 2016-09-20
                  - prefix: 198.51.100.128/25
                    from: 2016-09-21
                  - 2001:db8:1::/48
                """);
        Run r = run("ingest", "--data", data.toString(), "--config", config.toString(), captures.toString());
        assertThat(r.status()).as(r.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        JsonNode days = json.readTree(run("stats", "daily", "--data", data.toString(), "--format", "json").out());
        assertThat(days.get(0).get("date").asText()).isEqualTo("2016-09-19");
        long expected = packets.stream().filter(SyntheticTraffic.Packet::darknet).filter(p -> {
            LocalDate d = LocalDate.ofInstant(java.time.Instant.ofEpochSecond(p.epochSecond()), ZoneId.of("Asia/Tokyo"));
            if (p.ipv6()) {
                return true;
            }
            int last = p.frame()[14 + 19] & 0xff;
            return d.isAfter(LocalDate.of(2016, 9, 20)) ? last >= 128 : last < 128;
        }).count();
        long stored = 0;
        for (JsonNode d : days) {
            stored += d.get("packets").get("total").asLong();
        }
        assertThat(stored).isEqualTo(expected);
        Files.writeString(config, "timezone: Mars/Olympus\n");
        assertThat(run("ingest", "--data", data.toString(), "--config", config.toString(), captures.toString()).err())
                .contains("unknown time zone 'Mars/Olympus'");
        Files.writeString(config, "timezone: UTC\ndarknets: []\n");
        assertThat(run("ingest", "--data", data.toString(), "--config", config.toString(), captures.toString()).err())
                .contains("unknown key 'darknets'");
    }

    @Test
    void directoriesAndGlobsExpandToTheirCaptures() throws Exception {
        Files.createDirectories(captures.resolve("sub"));
        Files.copy(captures.resolve("a.pcap"), captures.resolve("sub").resolve("c.pcap"));
        Files.writeString(captures.resolve(".hidden"), "x");
        assertThat(CaptureArguments.expand(List.of(captures.toString())))
                .extracting(p -> captures.relativize(p).toString()).containsExactly("a.pcap", "b.pcap", "sub/c.pcap");
        assertThat(CaptureArguments.expand(List.of(captures + "/*.pcap")))
                .extracting(p -> p.getFileName().toString()).containsExactly("a.pcap", "b.pcap");
        assertThat(CaptureArguments.expand(List.of(captures + "/**/c.pcap")))
                .extracting(p -> p.getFileName().toString()).containsExactly("c.pcap");
        assertThat(CaptureArguments.expand(List.of(captures + "/*.none"))).containsExactly(Path.of(captures + "/*.none"));
    }

    @Test
    void theDemoSimulates2016IngestsItAndRunningItAgainChangesNothing() {
        Run first = run("demo", "--data", data.toString(), "--scale", "0.00002");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("nicter-2016: 366 days").contains("files: 366 read, 366 ok").contains("2016  ")
                .contains("23     tcp");
        assertThat(first.out()).as("the story's steps, each as a user would type it")
                .contains("== darkscope stats countries --date 2016-09-20 --port 23/tcp,2323/tcp  (Table 2 at Mirai's peak)")
                .contains("== darkscope stats sources --port 23/tcp --country JP --from 2016-11-28 --to 2016-12-16  (Figure 5: Japan's December spike)")
                .contains("note: Japan's sources are simulated at scale 0.2, 10,000 times the others' (0.00002)");
        assertThat(first.out()).contains("report: " + data.resolve("report-2016-en.html"));
        assertThat(data.resolve("report-2016-en.html")).content().contains("<svg", "Darknet Observation Report 2016");
        Run second = run("demo", "--data", data.toString());
        assertThat(second.out()).contains("reusing the simulation").contains("366 already ingested");
        String yearly = "== darkscope stats yearly";
        assertThat(second.out().substring(second.out().indexOf(yearly))).isEqualTo(first.out().substring(first.out().indexOf(yearly)));
    }

    @Test
    void simulateWritesCapturesTruthAndAConfigThatIngestAccepts() throws Exception {
        Path out = dir.resolve("sim");
        Run sim = run("simulate", "--scenario", "nicter-2016", "--out", out.toString(), "--from", "2016-11-26", "--to", "2016-11-27",
                "--scale", "0.0001", "--format", "pcapng");
        assertThat(sim.status()).as(sim.err()).isZero();
        assertThat(out.resolve("captures/nicter-2016-2016-11-27.pcapng")).exists();
        Run ingest = run("ingest", "--data", data.toString(), "--config", out.resolve("darkscope.yaml").toString(),
                out.resolve("captures").toString());
        assertThat(ingest.status()).as(ingest.err()).isZero();
        JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        JsonNode stats = new ObjectMapper().readTree(run("stats", "sources", "--data", data.toString(), "--format", "json",
                "--port", "7547/tcp,5555/tcp").out());
        assertThat(stats.get(1).get("date").asText()).isEqualTo("2016-11-27");
        assertThat(stats.get(1).get("sources").asLong()).isEqualTo(truth.at("/days/1/tools/tr069/sources").asLong()).isPositive();
        assertThat(run("simulate", "--scenario", "nicter-2017", "--out", out.toString()).err()).contains("no scenario 'nicter-2017'");
    }

    @Test
    void serveAnswersTheApiAsStatsPrintsItUntilStopped() throws Exception {
        assertThat(ingest(captures.toString()).status()).isZero();
        CommandLine cli = Darkscope.commandLine();
        PipedReader printed = new PipedReader();
        cli.setOut(new PrintWriter(new PipedWriter(printed), true));
        Thread serving = new Thread(() -> cli.execute("serve", "--data", data.toString(), "--port", "0"));
        serving.start();
        String line = new BufferedReader(printed).readLine();
        assertThat(line).startsWith("darkscope: serving " + data + " at http://127.0.0.1:");
        URI url = URI.create(line.substring(line.indexOf("http://"))).resolve("/api/stats/yearly");
        String answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(answer)).isEqualTo(json.readTree(run("stats", "yearly", "--data", data.toString(), "--format", "json").out()));
        serving.interrupt();
        serving.join(10_000);
        assertThat(serving.isAlive()).isFalse();
    }

    @Test
    void serveRefusesAnAddressOtherThanLoopbackWithoutAToken() {
        Run refused = run("serve", "--data", data.toString(), "--bind", "0.0.0.0");
        assertThat(refused.status()).isEqualTo(Darkscope.USER_ERROR);
        assertThat(refused.err()).contains("refusing to serve on 0.0.0.0 without a token");
    }
}
