package io.darkscope.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkscope.analysis.scan.ScanQueries;
import io.darkscope.analysis.scan.ScanRows;
import io.darkscope.analysis.spoofed.SpoofedQueries;
import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.capture.FrameBatch;
import io.darkscope.capture.PcapWriter;
import io.darkscope.config.DarkscopeConfig;
import io.darkscope.decode.LinkType;
import io.darkscope.geo.GeoData;
import io.darkscope.ingest.Ingest;
import io.darkscope.ingest.IngestListener;
import io.darkscope.ingest.IngestOptions;
import io.darkscope.sim.SimulationOptions;
import io.darkscope.sim.Simulator;
import io.darkscope.sim.scenario.Scenario;
import io.darkscope.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The findings against the simulator's truth ({@code features.yaml}: timed scans, one past
 * midnight in Tokyo, an unlisted large-scale scanner, a survey scanner, spoofed-looking packets,
 * DoS victims), every capture cut into three files by packet, so that each scan and each day
 * arrives in several parts.
 */
class FindingsTest {
    @TempDir
    static Path dir;
    private static JsonNode truth;
    private static Store store;
    private static QueryService service;

    @BeforeAll
    static void simulateCutAndIngest() throws Exception {
        Path yaml = dir.resolve("features.yaml");
        try (var in = Simulator.class.getResourceAsStream("features.yaml")) {
            Files.copy(in, yaml);
        }
        Path sim = dir.resolve("sim");
        new Simulator(Scenario.load(yaml.toString()), new SimulationOptions(null, null, 0.01, 17, false, false, 2)).run(sim, n -> { });
        truth = new ObjectMapper().readTree(sim.resolve("truth.json").toFile());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> captures = Files.list(sim.resolve(Simulator.CAPTURES))) {
            for (Path capture : captures.sorted().toList()) {
                files.addAll(cut(capture, 3));
            }
        }
        DarkscopeConfig config = DarkscopeConfig.load(sim.resolve("darkscope.yaml"));
        store = Store.open(dir.resolve("data"));
        new Ingest(store, IngestOptions.defaults(config.registry(), config.zone()), IngestListener.NONE).run(files);
        service = new QueryService(store, GeoData.open(dir, null, null));
        service.importSurveyList(sim.resolve(Simulator.SURVEY_JSON), null, null, null);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** The capture's packets dealt round-robin into {@code n} files. */
    private static List<Path> cut(Path capture, int n) throws Exception {
        List<Path> files = new ArrayList<>();
        List<OutputStream> streams = new ArrayList<>();
        List<PcapWriter> writers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path file = capture.resolveSibling(capture.getFileName() + "." + i + ".pcap");
            files.add(file);
            streams.add(Files.newOutputStream(file));
            writers.add(new PcapWriter(streams.get(i), LinkType.ETHERNET, true));
        }
        long packet = 0;
        FrameBatch batch = new FrameBatch();
        try (CaptureReader reader = Captures.open(capture)) {
            while (reader.next(batch)) {
                for (int i = 0; i < batch.count(); i++) {
                    writers.get((int) (packet++ % n)).write(batch.timestampNanos(i), batch.data(), batch.frameOffset(i),
                            batch.capturedLength(i), batch.wireLength(i));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            writers.get(i).close();
            streams.get(i).close();
        }
        Files.delete(capture);
        return files;
    }

    private static long second(JsonNode nanos) {
        return Math.floorDiv(nanos.asLong(), 1_000_000_000L);
    }

    @Test
    void everyTimedScanIsFoundOnceWithItsPacketsDestinationsAndTimes() throws Exception {
        List<ScanRows.Scan> scans = new ScanQueries(store).scans(new ScanQueries.Filter(null, null, null, null, null, 100, 0,
                ScanQueries.TIMEOUT_SECONDS));
        for (JsonNode t : truth.get("scans")) {
            int port = Integer.parseInt(t.get("port").asText().split("/")[0]);
            List<ScanRows.Scan> mine = scans.stream().filter(s -> s.source().equals(t.get("source").asText()) && s.port() == port).toList();
            assertThat(mine).as(t.get("port").asText() + " found once").hasSize(1);
            ScanRows.Scan s = mine.get(0);
            assertThat(s.type()).isEqualTo("tcp-syn");
            assertThat(s.packets()).isEqualTo(t.get("packets").asLong());
            assertThat(s.destinations()).isEqualTo(t.get("destinations").asLong());
            assertThat(s.slash24s()).isEqualTo(t.get("slash24s").asLong());
            assertThat(OffsetDateTime.parse(s.first()).toEpochSecond()).isEqualTo(second(t.get("first_ns")));
            assertThat(OffsetDateTime.parse(s.last()).toEpochSecond()).isEqualTo(second(t.get("last_ns")));
            assertThat(s.durationSeconds()).isEqualTo(second(t.get("last_ns")) - second(t.get("first_ns")));
            assertThat(s.coverage()).isEqualTo(t.get("destinations").asLong() / 32768.0);
        }
    }

    @Test
    void largeScaleScannersAreThoseOfTheTruthHourByHour() throws Exception {
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (JsonNode s : truth.get("large_scanners")) {
            for (JsonNode h : s.get("hours")) {
                expected.computeIfAbsent(s.get("address").asText(), a -> new TreeMap<>()).put(h.get("hour").asText(), h.get("destinations").asLong());
            }
        }
        Map<String, Map<String, Long>> found = new TreeMap<>();
        for (ScanRows.LargeScanner s : new ScanQueries(store).largeScanners(null, null)) {
            assertThat(s.threshold()).isEqualTo(truth.get("large_scanner_threshold").asLong());
            found.computeIfAbsent(s.source(), a -> new TreeMap<>()).put(s.hour(), s.destinations());
        }
        assertThat(found).isEqualTo(expected).isNotEmpty();
    }

    @Test
    void spoofedLookingPacketsAndSourcesByKindAreTheTruths() throws Exception {
        Map<String, List<Long>> expected = new TreeMap<>();
        for (JsonNode d : truth.get("days")) {
            d.get("spoofed_looking").fields().forEachRemaining(e -> {
                if (e.getValue().get("packets").asLong() > 0) {
                    expected.put(d.get("date").asText() + " " + e.getKey(), List.of(e.getValue().get("packets").asLong(),
                            e.getValue().get("sources").asLong()));
                }
            });
        }
        Map<String, List<Long>> found = new TreeMap<>();
        for (SpoofedQueries.KindDay k : new SpoofedQueries(store).days(null, null)) {
            found.put(k.date() + " " + k.kind(), List.of(k.packets(), k.sources()));
        }
        assertThat(found).isEqualTo(expected).hasSize(27);
    }

    @Test
    void theSurveyScannersOfTheImportedListAreCountedApartDayByDay() throws Exception {
        List<ScannerRows.SurveyDay> days = service.surveyDays(null, null);
        assertThat(days).hasSize(3);
        for (JsonNode d : truth.get("days")) {
            LocalDate date = LocalDate.parse(d.get("date").asText());
            ScannerRows.SurveyDay survey = days.stream().filter(s -> s.date().equals(date)).findFirst().orElseThrow();
            assertThat(survey.packets()).isEqualTo(d.at("/survey/Censys/packets").asLong());
            assertThat(survey.sources()).isEqualTo(d.at("/survey/Censys/sources").asLong());
            assertThat(survey.packetShare()).isEqualTo(survey.packets() / d.at("/packets/total").asDouble());
        }
    }

    @Test
    void leavingTheSurveyScannersOutTakesAwayTheirSourcesAndPackets() throws Exception {
        List<io.darkscope.analysis.traffic.TrafficRows.Day> without = service.daily(null, null, Set.of(Exclusion.SURVEY));
        for (JsonNode d : truth.get("days")) {
            io.darkscope.analysis.traffic.TrafficRows.Day day = without.stream().filter(r -> r.date().toString().equals(d.get("date").asText()))
                    .findFirst().orElseThrow();
            assertThat(day.sources().all()).isEqualTo(d.at("/sources/all").asLong() - d.at("/survey/Censys/sources").asLong());
            assertThat(day.packets().total()).isEqualTo(d.at("/packets/total").asLong() - d.at("/survey/Censys/packets").asLong());
            assertThat(day.packets().tcp()).isEqualTo(d.at("/packets/tcp").asLong() - d.at("/survey/Censys/packets").asLong());
        }
        List<ScannerRows.Organisation> organisations = service.surveyOrganisations(null, null);
        assertThat(organisations).extracting(ScannerRows.Organisation::organisation).containsExactly("Censys");
        assertThat(organisations.get(0).sources()).isEqualTo(truth.at("/survey_scanners/0/addresses").size());
    }

    @Test
    void theUnlistedLargeScaleScannerIsNotOnAList() throws Exception {
        assertThat(service.largeScanners(null, null)).isNotEmpty().allSatisfy(l -> assertThat(l.listedAs()).isNull());
    }
}
