package io.darkscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkscope.testing.Reference;
import io.darkscope.testing.SyntheticTraffic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.darkscope.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the commands print, on a store of synthetic traffic counted in Tokyo's days: summaries, decimals, times, and escaped text. */
class OutputTest {
    private static final long START = 1_474_243_200L; // 2016-09-19T00:00:00Z
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path data;
    private static List<SyntheticTraffic.Packet> packets;

    @BeforeAll
    static void ingestInTokyo() throws Exception {
        data = dir.resolve("data");
        Path config = Files.writeString(dir.resolve("darkscope.yaml"), "timezone: Asia/Tokyo\ndarknet:\n  - 198.51.100.0/24\n  - 2001:db8:1::/48\n");
        packets = SyntheticTraffic.generate(7, 12_000, 1_000, START, 3 * 86_400L);
        SyntheticTraffic.writePcap(dir.resolve("a.pcap"), packets);
        CliTest.Run ingest = run("ingest", "--data", data.toString(), "--config", config.toString(), dir.resolve("a.pcap").toString());
        assertThat(ingest.status()).as(ingest.err()).isZero();
    }

    private static JsonNode json(String... args) throws Exception {
        CliTest.Run r = run(args);
        assertThat(r.status()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void fingerprintsPrintOneLineEachWithTheirPeakAndTotalsOfTheirDays() throws Exception {
        JsonNode summary = json("fingerprints", "--data", data.toString(), "--format", "json");
        JsonNode days = json("fingerprints", "--data", data.toString(), "--format", "json", "--days");
        assertThat(summary).hasSameSizeAs(days);
        for (int i = 0; i < days.size(); i++) {
            JsonNode row = days.get(i);
            JsonNode line = summary.get(i);
            long packets = 0;
            JsonNode peak = row.get("days").get(0);
            for (JsonNode day : row.get("days")) {
                packets += day.get("packets").asLong();
                peak = day.get("sources").asLong() > peak.get("sources").asLong() ? day : peak;
            }
            assertThat(line.get("fingerprint")).isEqualTo(row.get("fingerprint"));
            assertThat(line.get("first_seen")).isEqualTo(row.get("first_seen"));
            assertThat(line.get("last_seen")).isEqualTo(row.get("last_seen"));
            assertThat(line.get("days").asInt()).isEqualTo(row.get("days").size());
            assertThat(line.get("peak_date")).isEqualTo(peak.get("date"));
            assertThat(line.get("peak_sources").asLong()).isEqualTo(peak.get("sources").asLong());
            assertThat(line.get("packets").asLong()).isEqualTo(packets);
        }
        assertThat(run("fingerprints", "--data", data.toString()).out().lines()).as("a header and a line a fingerprint").hasSize(days.size() + 1);
    }

    @Test
    void sharesArePlainDecimalsAndTheSameInJsonAndCsv() throws Exception {
        String printed = run("stats", "ports", "--data", data.toString(), "--top", "0", "--format", "json").out();
        JsonNode ports = JSON.readTree(printed);
        List<String> shares = Pattern.compile("\"share\" : ([^,]+),").matcher(printed).results().map(m -> m.group(1)).toList();
        List<String> csv = run("stats", "ports", "--data", data.toString(), "--top", "0", "--format", "csv").out().lines().skip(1).toList();
        long total = Reference.of(packets, TOKYO).values().stream().mapToLong(Reference.Day::total).sum();
        assertThat(ports).hasSameSizeAs(csv);
        boolean small = false;
        for (int i = 0; i < ports.size(); i++) {
            String json = shares.get(i);
            assertThat(json).as("plain decimal").matches("0\\.\\d+");
            assertThat(csv.get(i).split(",")[3]).isEqualTo(json);
            assertThat(Double.parseDouble(json)).isCloseTo(ports.get(i).get("packets").asDouble() / total, within(5e-6 * Double.parseDouble(json)));
            small |= Double.parseDouble(json) < 1e-3;
        }
        assertThat(small).as("shares below 0.001, which Java would print as 8.3E-5").isTrue();
    }

    @Test
    void smallDecimalsInATableKeepThreeSignificantDigits() throws Exception {
        JsonNode scans = json("scans", "--data", data.toString(), "--min-destinations", "1", "--format", "json");
        List<String> table = run("scans", "--data", data.toString(), "--min-destinations", "1").out().lines()
                .filter(l -> !l.startsWith("#")).toList(); // the credits of the GeoIP data follow the rows
        List<String> columns = List.of(table.get(0).trim().split("\\s{2,}"));
        int coverage = columns.indexOf("coverage");
        assertThat(scans).isNotEmpty().hasSize(table.size() - 1);
        for (int i = 0; i < scans.size(); i++) {
            double expected = scans.get(i).get("destinations").asLong() / 256.0; // the darknet's /24
            String printed = table.get(i + 1).trim().split("\\s{2,}")[coverage];
            assertThat(printed).as("3 significant digits, not 0.0").matches("0\\.0*[1-9]\\d{0,2}");
            assertThat(Double.parseDouble(printed)).isCloseTo(expected, within(0.005 * expected));
        }
    }

    @Test
    void timesAreInTheStoresZoneWithTheirOffset() throws Exception {
        JsonNode slots = json("stats", "traffic", "--data", data.toString(), "--resolution", "1h", "--format", "json");
        Instant first = Instant.ofEpochSecond(packets.stream().filter(SyntheticTraffic.Packet::darknet)
                .mapToLong(SyntheticTraffic.Packet::epochSecond).min().orElseThrow());
        ZonedDateTime hour = first.atZone(TOKYO).truncatedTo(ChronoUnit.HOURS);
        assertThat(slots.get(0).get("time").asText()).isEqualTo(hour.toLocalDateTime() + ":00+09:00");
        Map<String, Long> perHour = new HashMap<>();
        packets.stream().filter(SyntheticTraffic.Packet::darknet).forEach(p -> perHour.merge(
                Instant.ofEpochSecond(p.epochSecond()).atZone(TOKYO).truncatedTo(ChronoUnit.HOURS).toLocalDateTime() + ":00+09:00", 1L, Long::sum));
        for (JsonNode slot : slots) {
            assertThat(slot.get("total").asLong()).as(slot.get("time").asText()).isEqualTo(perHour.get(slot.get("time").asText()));
        }
        assertThat(LocalDate.parse(json("stats", "daily", "--data", data.toString(), "--format", "json").get(0).get("date").asText()))
                .isEqualTo(first.atZone(TOKYO).toLocalDate());
    }

    /** A row with text from outside: a file name, an AS name. */
    record Named(String name, long packets) {
    }

    @Test
    void controlCharactersInTableAndCsvCellsAreEscaped() {
        List<Named> rows = List.of(new Named("AS1 \u001b]0;pwned\u0007 Evil\u009b31m Corp\u007f", 1));
        for (Output.Format format : List.of(Output.Format.table, Output.Format.csv)) {
            Output output = new Output();
            output.format = format;
            StringWriter text = new StringWriter();
            output.print(new PrintWriter(text), Named.class, rows);
            assertThat(text.toString()).as(format.name()).contains("AS1 \\u001b]0;pwned\\u0007 Evil\\u009b31m Corp\\u007f")
                    .doesNotContain("\u001b", "\u0007", "\u009b", "\u007f");
        }
    }

    @Test
    void aFileNameWithControlCharactersReachesTheTerminalEscaped() throws Exception {
        Path odd = Files.writeString(Files.createDirectories(dir.resolve("odd")).resolve("notes\u001b[2J.pcap"), "hello");
        CliTest.Run r = run("ingest", "--data", data.toString(), odd.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).as(r.err()).contains("notes\\u001b[2J.pcap").doesNotContain("\u001b");
    }
}
