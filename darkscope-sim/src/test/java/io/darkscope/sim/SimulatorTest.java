package io.darkscope.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkscope.capture.Captures;
import io.darkscope.ingest.IngestSummary;
import io.darkscope.analysis.backscatter.DosQueries;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.analysis.traffic.TrafficQueries;
import io.darkscope.analysis.traffic.TrafficRows;
import io.darkscope.sim.scenario.Scenario;
import io.darkscope.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator end to end: its truth must be what darkscope's ingest and stats find in its captures. */
class SimulatorTest {
    @TempDir
    Path dir;

    private static Scenario everyTool() throws Exception {
        Path file = Path.of(SimulatorTest.class.getResource("every-tool.yaml").toURI());
        return Scenario.load(file.toString());
    }

    private static JsonNode truth(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("truth.json").toFile());
    }

    @ParameterizedTest(name = "pcapng={0}, gzip={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void truthEqualsWhatIngestAndStatsFind(boolean pcapng, boolean gzip) throws Exception {
        Path out = dir.resolve("sim");
        long written = new Simulator(everyTool(), new SimulationOptions(null, null, 1, 7, pcapng, gzip, 2)).run(out, n -> { });
        JsonNode truth = truth(out);
        assertThat(truth.get("days")).hasSize(3);

        Path data = dir.resolve("data");
        IngestSummary summary = SimulatedStores.ingest(out, data);
        assertThat(summary.records()).isEqualTo(written);
        assertThat(summary.darknetPackets()).as("every simulated packet goes to the darknet").isEqualTo(written);
        try (Store store = Store.openReadOnly(data)) {
            TrafficQueries q = new TrafficQueries(store);
            List<TrafficRows.Day> days = q.daily(null, null);
            assertThat(days).hasSize(3);
            for (int i = 0; i < 3; i++) {
                JsonNode t = truth.get("days").get(i);
                TrafficRows.Day d = days.get(i);
                assertThat(d.date()).hasToString(t.get("date").asText());
                assertThat(d.packets().tcp()).isEqualTo(t.at("/packets/tcp").asLong());
                assertThat(d.packets().udp()).isEqualTo(t.at("/packets/udp").asLong());
                assertThat(d.packets().icmp()).isEqualTo(t.at("/packets/icmp").asLong());
                assertThat(d.packets().other()).isEqualTo(t.at("/packets/other").asLong());
                assertThat(d.sources().all()).isEqualTo(t.at("/sources/all").asLong());
                assertThat(d.sources().tcp()).isEqualTo(t.at("/sources/tcp").asLong());
                assertThat(d.sources().udp()).isEqualTo(t.at("/sources/udp").asLong());
                assertThat(d.sources().icmp()).isEqualTo(t.at("/sources/icmp").asLong());
                assertPortsMatch(q, d.date(), t.get("ports"));
            }
            assertFingerprintsMatch(new FingerprintQueries(store).fingerprints(null, null), truth.get("days"));
            assertThat(new DosQueries(store).attacks(null, null)).extracting(DosQueries.DosAttack::victim).hasSize(5 * 3);
        }
    }

    /** Each tool's sources are found by its fingerprint, and by no other. */
    private static void assertFingerprintsMatch(List<FingerprintQueries.Row> found, JsonNode days) {
        Map<String, Map<String, Long>> byFingerprint = new HashMap<>();
        for (FingerprintQueries.Row f : found) {
            for (FingerprintQueries.FingerprintDay d : f.days()) {
                byFingerprint.computeIfAbsent(f.fingerprint(), x -> new HashMap<>()).put(d.date().toString(), d.sources());
            }
        }
        for (JsonNode day : days) {
            String date = day.get("date").asText();
            long mirai = day.at("/tools/mirai/sources").asLong();
            long early = day.at("/tools/mirai-early/sources").asLong();
            assertThat(byFingerprint.get("mirai").get(date)).as(date + " mirai").isEqualTo(mirai + early);
            assertThat(byFingerprint.get("mirai/early").get(date)).as(date + " early variant").isEqualTo(early);
            assertThat(byFingerprint.get("mirai/leaked").get(date) + byFingerprint.getOrDefault("mirai/undetermined", Map.of())
                    .getOrDefault(date, 0L)).as(date + " leaked").isEqualTo(mirai);
            assertThat(byFingerprint.get("zmap").get(date)).as(date + " zmap up to 4.0, not 4.1").isEqualTo(day.at("/tools/zmap/sources").asLong());
            assertThat(byFingerprint.get("masscan").get(date)).as(date + " masscan").isEqualTo(day.at("/tools/masscan/sources").asLong());
            assertThat(byFingerprint.get("class/backscatter").get(date))
                    .as(date + " backscatter: the victims only, not the SYN+RST and all-flags packets no stack sends")
                    .isEqualTo(day.at("/tools/backscatter/sources").asLong());
        }
    }

    private static void assertPortsMatch(TrafficQueries q, LocalDate date, JsonNode ports) throws Exception {
        Map<String, long[]> stored = new HashMap<>();
        for (TrafficRows.Port p : q.ports(date, date, 0, null)) {
            stored.put(p.port() + "/" + p.proto(), new long[] {p.packets(), p.sources()});
        }
        Map<String, long[]> expected = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ports.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().contains("/")) {
                expected.put(e.getKey(), new long[] {e.getValue().get("packets").asLong(), e.getValue().get("sources").asLong()});
            }
        }
        assertThat(stored.keySet()).as(date + " ports").isEqualTo(expected.keySet());
        expected.forEach((port, v) -> assertThat(stored.get(port)).as(date + " " + port).containsExactly(v));
        long telnet = q.sources(PortSpec.parseList("23/tcp,2323/tcp"), date, date).get(0).sources();
        assertThat(telnet).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws Exception {
        Scenario scenario = everyTool();
        SimulationOptions one = new SimulationOptions(LocalDate.of(2016, 10, 30), LocalDate.of(2016, 10, 30), 1, 11, false, false, 2);
        new Simulator(scenario, one).run(dir.resolve("a"), n -> { });
        new Simulator(scenario, new SimulationOptions(one.from(), one.to(), 1, 11, false, false, 1)).run(dir.resolve("b"), n -> { });
        new Simulator(scenario, new SimulationOptions(one.from(), one.to(), 1, 12, false, false, 2)).run(dir.resolve("c"), n -> { });
        String file = "captures/every-tool-2016-10-30.pcap";
        assertThat(Files.mismatch(dir.resolve("b").resolve(file), dir.resolve("a").resolve(file))).isEqualTo(-1);
        assertThat(Files.readString(dir.resolve("b/truth.json"))).isEqualTo(Files.readString(dir.resolve("a/truth.json")));
        assertThat(Files.mismatch(dir.resolve("c").resolve(file), dir.resolve("a").resolve(file))).isNotEqualTo(-1);
    }

    @Test
    void truthCountsToolsCountriesAndTheDaylightSavingDay() throws Exception {
        Path out = dir.resolve("sim");
        new Simulator(everyTool(), new SimulationOptions(null, null, 1, 3, false, false, 2)).run(out, n -> { });
        JsonNode day = truth(out).get("days").get(1);
        assertThat(day.get("date").asText()).isEqualTo("2016-10-30");
        assertThat(day.at("/tools/mirai/sources").asLong()).isEqualTo(300);
        assertThat(day.at("/tools/zmap/sources").asLong()).isEqualTo(4);
        JsonNode telnet = day.at("/countries/telnet");
        assertThat(telnet.get("JP").asLong()).isEqualTo(25);
        assertThat(telnet.get("BR").asLong() + telnet.get("VN").asLong()).as("the Mirai actor's mix").isEqualTo(300);
        assertThat(telnet.get("*").asLong()).as("the early actor names no country").isEqualTo(day.at("/tools/mirai-early/sources").asLong());
        assertThat(telnet.get("BR").asLong()).isGreaterThan(telnet.get("VN").asLong());
        List<Long> hours = new ArrayList<>();
        try (var reader = Captures.open(out.resolve("captures/every-tool-2016-10-30.pcap"))) {
            var batch = new io.darkscope.capture.FrameBatch();
            while (reader.next(batch)) {
                for (int i = 0; i < batch.count(); i++) {
                    hours.add(batch.timestampNanos(i));
                }
            }
        }
        long start = LocalDate.of(2016, 10, 30).atStartOfDay(java.time.ZoneId.of("Europe/Berlin")).toEpochSecond() * 1_000_000_000L;
        assertThat(hours).isSorted().allSatisfy(t -> assertThat(t - start).isBetween(0L, 25 * 3600 * 1_000_000_000L - 1));
        assertThat(hours.get(hours.size() - 1) - start).as("the 25th hour is used").isGreaterThan(24 * 3600 * 1_000_000_000L);
    }

    @Test
    void theDocumentedExampleRuns() throws Exception {
        Scenario example = Scenario.load(Path.of("..", "docs", "scenario.example.yaml").toString());
        assertThat(example.actors()).extracting(a -> a.tool())
                .containsExactly("mirai", "linux", "backscatter", "zmap", "masscan", "spoofed", "ipv6-scan");
        Path out = dir.resolve("example");
        long packets = new Simulator(example, new SimulationOptions(null, null, 1, 1, false, false, 2)).run(out, n -> { });
        assertThat(packets).isPositive();
        JsonNode truth = truth(out);
        assertThat(truth.at("/days/6/countries/telnet/JP").asLong()).isBetween(50L, 80L);
        assertThat(truth.get("scans")).hasSize(2);
        assertThat(truth.at("/scans/0/days")).hasSize(2);
        assertThat(truth.at("/days/0/survey/Censys/sources").asLong()).isEqualTo(6);
        assertThat(out.resolve(Simulator.SURVEY_JSON)).exists();
    }

    @Test
    void scenarioMistakesNameTheFileTheActorAndTheKey() throws Exception {
        Path file = dir.resolve("s.yaml");
        String head = "from: 2016-01-01\nto: 2016-01-02\ndarknet: [203.0.113.0/24]\nactors:\n";
        Files.writeString(file, head + "  - {name: a, tool: nmap}\n");
        assertThatThrownBy(() -> Scenario.load(file.toString())).hasMessageContaining("s.yaml").hasMessageContaining("actor 'a'")
                .hasMessageContaining("unknown tool 'nmap'");
        Files.writeString(file, head + "  - {name: a, tool: mirai, sorces: 3}\n");
        assertThatThrownBy(() -> Scenario.load(file.toString())).hasMessageContaining("unknown actor key 'sorces'");
        Files.writeString(file, head + "  - {name: a, tool: mirai, sources: 1, probes: {mean: 5, distribution: zipf}}\n");
        assertThatThrownBy(() -> Scenario.load(file.toString())).hasMessageContaining("unknown distribution 'zipf'");
    }

    @Test
    void nicter2016FollowsTheSeedsTimeline() throws Exception {
        Path out = dir.resolve("nicter");
        new Simulator(Scenario.load("nicter-2016"), new SimulationOptions(LocalDate.of(2016, 9, 5), LocalDate.of(2016, 9, 20),
                0.0005, 1, false, false, 2)).run(out, n -> { });
        Map<String, JsonNode> days = new HashMap<>();
        truth(out).get("days").forEach(d -> days.put(d.get("date").asText(), d));
        assertThat(days.get("2016-09-05").at("/ports/2323~1tcp").isMissingNode()).as("no 2323/TCP before 6 September").isTrue();
        assertThat(days.get("2016-09-06").at("/ports/2323~1tcp/sources").asLong()).as("a jump to 80K sources at scale 1")
                .isBetween(30L, 50L);
        assertThat(days.get("2016-09-13").at("/tools/mirai/sources").asLong()).as("no leaked Mirai before the 14th").isZero();
        assertThat(days.get("2016-09-14").at("/tools/mirai").isMissingNode()).isFalse();
        long peak = days.get("2016-09-20").at("/ports/2323~1tcp/sources").asLong();
        assertThat(peak).as("1.3M sources at scale 1").isBetween(500L, 800L);
        JsonNode countries = days.get("2016-09-20").at("/countries/telnet");
        assertThat(countries.get("BR").asLong()).isGreaterThan(countries.get("VN").asLong());
        assertThat(countries.get("VN").asLong()).isGreaterThan(countries.get("IN").asLong());
        long sum = 0;
        long twentyThree = 0;
        for (JsonNode d : days.values()) {
            sum += d.at("/packets/total").asLong();
            twentyThree += d.at("/ports/23~1tcp/packets").asLong();
        }
        assertThat(twentyThree).as("23/TCP over half of all packets").isGreaterThan(sum / 2);
    }

    @Test
    void truthNamesEachToolsSynSignature() throws Exception {
        Path out = dir.resolve("sim");
        new Simulator(everyTool(), new SimulationOptions(LocalDate.of(2016, 10, 29), LocalDate.of(2016, 10, 29), 1, 3, false, false, 1))
                .run(out, n -> { });
        JsonNode sigs = truth(out).get("syn_signatures");
        assertThat(sigs.fieldNames()).toIterable().containsExactlyInAnyOrder("mirai", "mirai-early", "zmap", "zmap-4.1", "masscan",
                "tr069", "ssh", "windows", "linux");
        // Linux 3.x+ (tcp_output.c), Windows 7+, ZMap's packet.c up to 4.0 and from 4.1, masscan 1.3, Mirai's scanner.c
        assertThat(sigs.get("linux").toString()).isEqualTo("{\"ttl\":64,\"window\":29200,\"mss\":1460,\"window_scale\":7,"
                + "\"options\":[2,4,8,1,3],\"dont_fragment\":true,\"ip_id\":\"random\"}");
        assertThat(sigs.get("tr069")).isEqualTo(sigs.get("linux"));
        assertThat(sigs.get("windows").toString()).isEqualTo("{\"ttl\":128,\"window\":8192,\"mss\":1460,\"window_scale\":8,"
                + "\"options\":[2,1,3,1,1,4],\"dont_fragment\":true,\"ip_id\":\"increments by 1 per packet\"}");
        assertThat(sigs.get("zmap").toString()).isEqualTo("{\"ttl\":255,\"window\":65535,\"mss\":null,\"window_scale\":null,"
                + "\"options\":[],\"dont_fragment\":false,\"ip_id\":\"54321\"}");
        assertThat(sigs.get("zmap-4.1").toString()).isEqualTo("{\"ttl\":64,\"window\":65535,\"mss\":1460,\"window_scale\":8,"
                + "\"options\":[2,1,3,1,1,4],\"dont_fragment\":false,\"ip_id\":\"random\"}");
        assertThat(sigs.get("masscan").toString()).isEqualTo("{\"ttl\":255,\"window\":1024,\"mss\":null,\"window_scale\":null,"
                + "\"options\":[],\"dont_fragment\":false,\"ip_id\":\"(dst ^ dport ^ seq) & 0xffff\"}");
        assertThat(sigs.get("mirai").toString()).as("a window of its own per bot").isEqualTo("{\"ttl\":64,\"window\":null,\"mss\":null,"
                + "\"window_scale\":null,\"options\":[],\"dont_fragment\":false,\"ip_id\":\"random\"}");
        assertThat(sigs.at("/mirai-early/ip_id").asText()).isEqualTo("fixed per source");
    }

    @Test
    void eventsCarryTheirSourcesBaselineAndGrowthAsWritten() throws Exception {
        Path file = dir.resolve("events.yaml");
        Files.writeString(file, """
                name: events
                from: 2016-10-01
                to: 2016-10-20
                darknet: [45.64.0.0/16]
                port_sets: {smb: [445/tcp]}
                events:
                  - {date: 2016-10-15, kind: onset, key: 7547/tcp}
                  - {date: 2016-10-15, kind: onset, key: 445/tcp}
                  - {date: 2016-10-15, kind: spike, key: KR 445/tcp}
                  - {date: 2016-10-05, kind: onset, key: 22/tcp}
                actors:
                  - {name: smb, tool: windows, sources: 100, probes: 3, ports: {445/tcp: 1}, countries: {US: 1}}
                  - {name: worm, tool: windows, sources: {points: {2016-10-15: 400, 2016-10-20: 400}}, probes: 3, ports: {445/tcp: 1},
                     countries: {KR: 1}}
                  - {name: tr069, tool: tr069, sources: {points: {2016-10-15: 300, 2016-10-20: 300}}, probes: 3, ports: {7547/tcp: 1}}
                  - {name: ssh, tool: ssh, sources: 50, probes: 3}
                """);
        Path out = dir.resolve("sim");
        new Simulator(Scenario.load(file.toString()), new SimulationOptions(null, null, 1, 3, false, false, 2)).run(out, n -> { });
        JsonNode events = truth(out).get("events");
        assertThat(events.get(0).get("sources").asLong()).isEqualTo(300);
        assertThat(events.get(0).get("baseline").asDouble()).isZero();
        assertThat(events.get(0).get("growth").isNull()).as("a new outbreak's growth is no number").isTrue();
        assertThat(events.get(1).get("sources").asLong()).isEqualTo(500);
        assertThat(events.get(1).get("baseline").asDouble()).isEqualTo(100);
        assertThat(events.get(1).get("growth").asDouble()).isEqualTo(5.0);
        assertThat(events.get(2).get("sources").asLong()).as("a country's sources of a one-port set").isEqualTo(400);
        assertThat(events.get(2).get("growth").isNull()).isTrue();
        assertThat(events.get(3).get("baseline").isNull()).as("fewer than 7 days before").isTrue();
        assertThat(events.get(3).get("sources").asLong()).isEqualTo(50);
    }

    @Test
    void nicter2016OverSamplesJapanSoThatItsDecemberSpikeShowsAtTheDemosScale() throws Exception {
        Path out = dir.resolve("japan");
        new Simulator(Scenario.load("nicter-2016"), new SimulationOptions(LocalDate.of(2016, 11, 20), LocalDate.of(2016, 12, 20),
                0.0002, 1, false, false, 2)).run(out, n -> { });
        JsonNode truth = truth(out);
        for (JsonNode a : truth.get("actors")) {
            if (a.get("name").asText().startsWith("japan-")) {
                assertThat(a.get("scale").asDouble()).as("Japan's actors at min_scale 0.2, not 0.0002").isEqualTo(0.2);
            }
        }
        for (JsonNode d : truth.get("days")) {
            LocalDate date = LocalDate.parse(d.get("date").asText());
            long japan = d.at("/countries/telnet-23/JP").asLong();
            long spike = d.at("/actors/japan-mobile-spike/sources").asLong();
            long baseline = d.at("/actors/japan-telnet/sources").asLong();
            assertThat(baseline).as(date + ": 500 to 1,000 sources at scale 0.2").isBetween(100L, 200L);
            assertThat(japan).as(date + " Japan's sources on 23/TCP: both actors' (a few of the spike's bots sent only to 2323)")
                    .isBetween(baseline + Math.round(spike * 0.95), baseline + spike);
            if (date.isBefore(LocalDate.of(2016, 12, 1)) || date.isAfter(LocalDate.of(2016, 12, 14))) {
                assertThat(spike).as(date + " no spike").isZero();
            } else {
                // 2,500 on 1 December, 4,000 on the 7th, 3,000 on the 14th at scale 1, from one /14
                double declared = date.isAfter(LocalDate.of(2016, 12, 7))
                        ? 4000 - 1000 * (date.getDayOfMonth() - 7) / 7.0 : 2500 + 1500 * (date.getDayOfMonth() - 1) / 6.0;
                assertThat((double) spike).as(date + " the mobile network's sources").isBetween(0.2 * declared * 0.97, 0.2 * declared + 1);
            }
        }
        JsonNode spike = null;
        for (JsonNode e : truth.get("events")) {
            if (e.get("key").asText().equals("JP 23/tcp")) {
                spike = e;
            }
        }
        assertThat(spike.get("sources").asLong()).isGreaterThan(500);
        assertThat(spike.get("growth").asDouble()).as("a spike that shows: several times the baseline").isGreaterThan(3);
    }
}
