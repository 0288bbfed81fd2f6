package io.darkscope.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkscope.sim.scenario.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario features the analyses need, each against what the scenario declares
 * ({@code features.yaml}) and against the captures read back, never against the simulator's
 * own bookkeeping alone: timed scans, a large-scale scanner, a survey scanner's lists and
 * counts, spoofed-looking packets by kind, and an over-sampled actor.
 */
class SimulatorFeaturesTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    @TempDir
    static Path dir;
    private static Path out;
    private static JsonNode truth;
    private static List<CapturedPackets.Packet> packets;

    @BeforeAll
    static void simulate() throws Exception {
        Scenario scenario = Scenario.load(Path.of(SimulatorFeaturesTest.class.getResource("features.yaml").toURI()).toString());
        out = dir.resolve("sim");
        new Simulator(scenario, new SimulationOptions(null, null, 0.01, 17, false, false, 2)).run(out, n -> { });
        truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        packets = CapturedPackets.read(out);
    }

    private static LocalDate day(long nanos) {
        return Instant.ofEpochSecond(0, nanos).atZone(TOKYO).toLocalDate();
    }

    private static int ip(String dotted) {
        int a = 0;
        for (String part : dotted.split("\\.")) {
            a = a << 8 | Integer.parseInt(part);
        }
        return a;
    }

    private static JsonNode scan(String port) {
        for (JsonNode s : truth.get("scans")) {
            if (s.get("port").asText().equals(port)) {
                return s;
            }
        }
        throw new AssertionError("no scan of " + port + " in the truth");
    }

    /** The declared sessions: start (Tokyo), seconds, rate, destinations, port. */
    record Declared(String start, double minutes, double rate, int destinations, String port) {
        long startNanos() {
            return LocalDateTime.parse(start).atZone(TOKYO).toEpochSecond() * 1_000_000_000L;
        }

        long seconds() {
            return Math.round(minutes * 60);
        }
    }

    private static final List<Declared> DECLARED = List.of(
            new Declared("2016-10-11T09:00:00", 30, 4, 3000, "8080/tcp"),
            new Declared("2016-10-11T23:40:00", 50, 2, 2500, "3389/tcp"),
            new Declared("2016-10-12T14:05:00", 20.5, 3.5, 3200, "445/tcp"),
            new Declared("2016-10-12T10:10:00", 40, 5, 9000, "80/tcp"));

    @Test
    void scansOfKnownWindowHaveTheirDeclaredPacketsDestinationsAndTimes() {
        assertThat(truth.get("scans")).hasSize(DECLARED.size());
        for (Declared d : DECLARED) {
            JsonNode t = scan(d.port());
            int source = ip(t.get("source").asText());
            int port = Integer.parseInt(d.port().split("/")[0]);
            List<CapturedPackets.Packet> mine = packets.stream().filter(p -> p.src() == source && p.dstPort() == port).toList();
            long expected = Math.round(d.rate() * d.seconds());
            assertThat(mine).as(d.port() + " packets in the captures").hasSize((int) expected);
            assertThat(t.get("packets").asLong()).isEqualTo(expected);
            assertThat(t.get("destinations").asLong()).as(d.port() + " distinct destinations").isEqualTo(d.destinations())
                    .isEqualTo(mine.stream().map(CapturedPackets.Packet::dst).distinct().count());
            assertThat(t.get("slash24s").asLong()).isEqualTo(mine.stream().map(p -> p.dst() >>> 8).distinct().count());
            long first = mine.stream().mapToLong(CapturedPackets.Packet::nanos).min().orElseThrow();
            long last = mine.stream().mapToLong(CapturedPackets.Packet::nanos).max().orElseThrow();
            assertThat(t.get("first_ns").asLong()).isEqualTo(first);
            assertThat(t.get("last_ns").asLong()).isEqualTo(last);
            assertThat(Instant.parse(t.get("first").asText())).isEqualTo(Instant.ofEpochSecond(0, first));
            assertThat(first - d.startNanos()).as(d.port() + " starts on time").isBetween(0L, (long) (1e9 / d.rate()));
            long end = d.startNanos() + d.seconds() * 1_000_000_000L;
            assertThat(end - last).as(d.port() + " ends within its window, one probe interval before the end")
                    .isBetween(0L, (long) (1e9 / d.rate()) + 20_000);
            assertThat(t.at("/declared/start").asText()).isEqualTo(LocalDateTime.parse(d.start()).atZone(TOKYO)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        assertThat(scan("445/tcp").get("source").asText()).as("a source the scenario fixed").isEqualTo("45.80.1.2");
    }

    @Test
    void aScanPastMidnightIsCutBetweenTheDaysExactly() {
        JsonNode t = scan("3389/tcp");
        assertThat(t.get("days")).extracting(JsonNode::asText).containsExactly("2016-10-11", "2016-10-12");
        int source = ip(t.get("source").asText());
        Map<LocalDate, Long> perDay = packets.stream().filter(p -> p.src() == source && p.dstPort() == 3389)
                .collect(Collectors.groupingBy(p -> day(p.nanos()), TreeMap::new, Collectors.counting()));
        // 20 minutes before midnight and 30 after, at 2 probes a second
        assertThat(perDay).containsExactly(Map.entry(LocalDate.of(2016, 10, 11), 2400L), Map.entry(LocalDate.of(2016, 10, 12), 3600L));
    }

    @Test
    void largeScaleScannersAreTheSourcesReachingATenthOfTheDarknetInAClockHour() {
        long threshold = (32768 + 9) / 10;
        assertThat(truth.get("large_scanner_threshold").asLong()).isEqualTo(threshold);
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        // Tokyo's offset is whole hours: its clock hours are the epoch's
        Map<Long, Set<Integer>> perSourceHour = new HashMap<>();
        for (CapturedPackets.Packet p : packets) {
            long key = Integer.toUnsignedLong(p.src()) << 32 | p.nanos() / 3_600_000_000_000L;
            perSourceHour.computeIfAbsent(key, k -> new HashSet<>()).add(p.dst());
        }
        perSourceHour.forEach((key, dsts) -> {
            if (dsts.size() >= threshold) {
                String hour = Instant.ofEpochSecond((key & 0xffffffffL) * 3600).atZone(TOKYO).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                expected.computeIfAbsent(Simulator.dotted((int) (key >>> 32)), x -> new TreeMap<>()).put(hour, (long) dsts.size());
            }
        });
        Map<String, Map<String, Long>> found = new TreeMap<>();
        for (JsonNode s : truth.get("large_scanners")) {
            assertThat(s.get("listed").asBoolean()).isFalse();
            for (JsonNode h : s.get("hours")) {
                found.computeIfAbsent(s.get("address").asText(), x -> new TreeMap<>()).put(h.get("hour").asText(), h.get("destinations").asLong());
            }
        }
        assertThat(found).isEqualTo(expected);
        assertThat(found.get(scan("80/tcp").get("source").asText())).as("the declared one, in the hour it ran")
                .containsExactly(Map.entry("2016-10-12T10:00:00+09:00", 9000L));
        for (String other : found.keySet()) {
            if (!other.equals(scan("80/tcp").get("source").asText())) {
                assertThat(packets).as(other + ", a DoS victim whose backscatter reached a tenth of the darknet in an hour")
                        .filteredOn(p -> Simulator.dotted(p.src()).equals(other)).allSatisfy(p -> assertThat(p.srcPort()).isIn(80, 443, 25, -1));
            }
        }
    }

    @Test
    void surveyScannersAreListedInNictsShapeAndCountedPerDay() throws Exception {
        int first = ip("162.142.125.0");
        Map<LocalDate, List<CapturedPackets.Packet>> byDay = packets.stream().filter(p -> p.src() >>> 8 == first >>> 8)
                .collect(Collectors.groupingBy(p -> day(p.nanos()), TreeMap::new, Collectors.toList()));
        assertThat(byDay).hasSize(3);
        for (JsonNode d : truth.get("days")) {
            List<CapturedPackets.Packet> sent = byDay.get(LocalDate.parse(d.get("date").asText()));
            assertThat(d.at("/survey/Censys/packets").asLong()).isEqualTo(sent.size());
            assertThat(d.at("/survey/Censys/sources").asLong()).as("4 of its 6 addresses a day")
                    .isEqualTo(sent.stream().map(CapturedPackets.Packet::src).distinct().count()).isEqualTo(4);
        }
        Map<String, String> lastSeen = new TreeMap<>();
        for (CapturedPackets.Packet p : packets) {
            if (p.src() >>> 8 == first >>> 8) {
                lastSeen.merge(Simulator.dotted(p.src()), day(p.nanos()).toString(), (a, b) -> a.compareTo(b) > 0 ? a : b);
            }
        }
        JsonNode list = new ObjectMapper().readTree(out.resolve(Simulator.SURVEY_JSON).toFile());
        Map<String, String> listed = new TreeMap<>();
        for (JsonNode e : list) {
            assertThat(e.get("scanner").asText()).isEqualTo("Censys");
            assertThat(e.fieldNames()).toIterable().containsExactly("ip", "scanner", "last_seen");
            listed.put(e.get("ip").asText(), e.get("last_seen").asText());
        }
        assertThat(listed).isEqualTo(lastSeen).hasSizeLessThanOrEqualTo(6);
        assertThat(Files.readAllLines(out.resolve(Simulator.SURVEY_TEXT))).filteredOn(l -> !l.startsWith("#"))
                .containsExactly("162.142.125.0/24 Censys");
        assertThat(truth.at("/survey_scanners/0/addresses")).hasSize(6);
    }

    @Test
    void spoofedLookingPacketsAreCountedByKindOverEveryPacket() {
        Map<LocalDate, Map<String, Long>> counted = new TreeMap<>();
        Map<LocalDate, Map<String, Set<Integer>>> sources = new TreeMap<>();
        for (CapturedPackets.Packet p : packets) {
            List<String> kinds = new ArrayList<>();
            if ((p.src() & 0xff) == 0 || (p.src() & 0xff) == 255) {
                kinds.add("source_net_or_broadcast");
            }
            if (p.src() == p.dst()) {
                kinds.add("source_equals_destination");
            }
            boolean ports = !p.laterFragment() && (p.protocol() == 6 || p.protocol() == 17);
            if (ports && (p.srcPort() == 0 || p.dstPort() == 0)) {
                kinds.add("port_zero");
            }
            boolean masscan = p.flags() >= 0 && (p.flags() & 0x12) == 0x02 && p.ipId() == ((p.dst() ^ p.dstPort() ^ p.seq()) & 0xffff);
            if (p.ttl() >= 200 && !masscan) {
                kinds.add("high_ttl");
            }
            if (p.flags() >= 0) {
                int f = p.flags() & 0x3f;
                if (f == 0x3f) {
                    kinds.add("all_flags");
                } else if ((f & 0x03) == 0x03) {
                    kinds.add("syn_fin");
                } else if ((f & 0x06) == 0x06) {
                    kinds.add("syn_rst");
                } else if (f == 0) {
                    kinds.add("no_flags");
                }
            }
            if (p.laterFragment()) {
                kinds.add("later_fragment");
            }
            for (String k : kinds) {
                counted.computeIfAbsent(day(p.nanos()), x -> new TreeMap<>()).merge(k, 1L, Long::sum);
                sources.computeIfAbsent(day(p.nanos()), x -> new TreeMap<>()).computeIfAbsent(k, x -> new HashSet<>()).add(p.src());
            }
        }
        for (JsonNode d : truth.get("days")) {
            LocalDate date = LocalDate.parse(d.get("date").asText());
            Map<String, Long> truthPackets = new TreeMap<>();
            Map<String, Long> truthSources = new TreeMap<>();
            d.get("spoofed_looking").fields().forEachRemaining(e -> {
                if (e.getValue().get("packets").asLong() > 0) {
                    truthPackets.put(e.getKey(), e.getValue().get("packets").asLong());
                    truthSources.put(e.getKey(), e.getValue().get("sources").asLong());
                }
            });
            assertThat(truthPackets).as(date + " packets by kind").isEqualTo(counted.get(date));
            Map<String, Long> distinct = new TreeMap<>();
            sources.get(date).forEach((k, v) -> distinct.put(k, (long) v.size()));
            assertThat(truthSources).as(date + " sources by kind").isEqualTo(distinct);
            assertThat(d.get("spoofed_looking").fieldNames()).toIterable().hasSize(9);
        }
        assertThat(counted.values()).allSatisfy(kinds -> assertThat(kinds.keySet()).as("every kind, every day").hasSize(9));
        assertThat(counted.get(LocalDate.of(2016, 10, 12)).get("high_ttl")).as("ZMap up to 4.0 (TTL 255) counts, masscan does not")
                .isGreaterThan(packets.stream().filter(p -> day(p.nanos()).equals(LocalDate.of(2016, 10, 12)) && p.ipId() == 54321).count());
    }

    @Test
    void minScaleOverSamplesAnActorAndTheTruthSaysSo() {
        for (JsonNode d : truth.get("days")) {
            assertThat(d.at("/actors/oversampled/sources").asLong()).as("1,000 sources at scale 0.5, not 0.01").isEqualTo(500);
            assertThat(d.at("/actors/background/sources").asLong()).as("50 sources at scale 0.01").isLessThanOrEqualTo(1);
        }
        Map<String, Double> scales = new HashMap<>();
        truth.get("actors").forEach(a -> scales.put(a.get("name").asText(), a.get("scale").asDouble()));
        assertThat(scales).containsEntry("oversampled", 0.5).containsEntry("background", 0.01).containsEntry("timed", 1.0)
                .containsEntry("censys", 1.0);
    }

    @Test
    void attacksCrossingMidnightAreSplitAcrossDaysAsWritten() {
        Map<LocalDate, Set<Integer>> victims = new TreeMap<>();
        Map<LocalDate, Long> perDay = new TreeMap<>();
        for (CapturedPackets.Packet p : packets) {
            boolean backscatter = (p.protocol() == 6 && (p.flags() == 0x12 || p.flags() == 0x14) && Set.of(80, 443, 25).contains(p.srcPort()))
                    || p.protocol() == 1;
            if (backscatter) {
                victims.computeIfAbsent(day(p.nanos()), x -> new HashSet<>()).add(p.src());
                perDay.merge(day(p.nanos()), 1L, Long::sum);
            }
        }
        for (JsonNode d : truth.get("days")) {
            LocalDate date = LocalDate.parse(d.get("date").asText());
            assertThat(d.at("/tools/backscatter/packets").asLong()).isEqualTo(perDay.get(date));
            assertThat(d.at("/tools/backscatter/sources").asLong()).isEqualTo(victims.get(date).size());
        }
        Set<Integer> both = new TreeSet<>(victims.get(LocalDate.of(2016, 10, 11)));
        both.retainAll(victims.get(LocalDate.of(2016, 10, 12)));
        Set<Integer> later = new TreeSet<>(victims.get(LocalDate.of(2016, 10, 12)));
        later.retainAll(victims.get(LocalDate.of(2016, 10, 13)));
        assertThat(both.size() + later.size()).as("some attack runs past midnight").isPositive();
    }

    @Test
    void attacksLastMinutesWithATailToHoursAtVariedRatesOnOneOrSeveralPorts(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("attacks.yaml");
        Files.writeString(file, """
                name: attacks
                timezone: Asia/Tokyo
                from: 2016-10-12
                to: 2016-10-13
                darknet: [45.64.0.0/16]
                actors:
                  - name: victims
                    tool: backscatter
                    sources: {points: {2016-10-12: 400}}
                    attack: {minutes: {median: 12, sigma: 1.3, max: 600}, rate: {median: 1, sigma: 1.0, max: 100},
                             ports_per_victim: {1: 80, 2: 15, 3: 5}}
                    ports: {80/tcp: 4, 443/tcp: 3, 25/tcp: 1, 53/tcp: 1, 3389/tcp: 1}
                """);
        Path sim = tmp.resolve("sim");
        new Simulator(Scenario.load(file.toString()), new SimulationOptions(null, null, 1, 5, false, false, 2)).run(sim, n -> { });
        Map<Integer, long[]> victims = new HashMap<>(); // first, last, packets
        Map<Integer, Set<Integer>> services = new HashMap<>();
        for (CapturedPackets.Packet p : CapturedPackets.read(sim)) {
            long[] v = victims.computeIfAbsent(p.src(), x -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
            v[0] = Math.min(v[0], p.nanos());
            v[1] = Math.max(v[1], p.nanos());
            v[2]++;
            if (p.protocol() == 6) {
                services.computeIfAbsent(p.src(), x -> new HashSet<>()).add(p.srcPort());
            }
        }
        assertThat(victims).hasSize(400);
        List<Double> minutes = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (long[] v : victims.values()) {
            double m = (v[1] - v[0]) / 60e9;
            minutes.add(m);
            if (v[2] > 10) {
                rates.add(v[2] / ((v[1] - v[0]) / 1e9));
            }
        }
        minutes.sort(null);
        rates.sort(null);
        assertThat(minutes.get(200)).as("median duration, minutes").isBetween(12 * 0.8, 12 * 1.25);
        assertThat(minutes.get(399)).as("none past the maximum").isLessThanOrEqualTo(600);
        long overAnHour = minutes.stream().filter(m -> m > 60).count();
        assertThat(overAnHour / 400.0).as("a tail to hours: P(> 1 h) = 1 - Phi(ln 5 / 1.3) = 0.11").isBetween(0.06, 0.17);
        assertThat(minutes.get(399)).as("some attack lasts hours").isGreaterThan(120);
        assertThat(rates.get(rates.size() / 2)).as("median rate, packets a second").isBetween(0.75, 1.33);
        long several = services.values().stream().filter(ports -> ports.size() > 1).count();
        assertThat(several / 400.0).as("20% attacked on several ports").isBetween(0.12, 0.28);
        assertThat(services.values()).allSatisfy(ports -> assertThat(ports).hasSizeLessThanOrEqualTo(3).isSubsetOf(80, 443, 25, 53, 3389));
    }

    @Test
    void attacksAndScansPastMidnightGiveTheSameBytesWhateverTheThreadsAndTheDaysRun(@TempDir Path tmp) throws Exception {
        Scenario scenario = Scenario.load(Path.of(SimulatorFeaturesTest.class.getResource("features.yaml").toURI()).toString());
        LocalDate day = LocalDate.of(2016, 10, 12);
        new Simulator(scenario, new SimulationOptions(day, day, 0.01, 17, false, false, 1)).run(tmp.resolve("one"), n -> { });
        String file = "captures/features-2016-10-12.pcap";
        assertThat(Files.mismatch(tmp.resolve("one").resolve(file), out.resolve(file)))
                .as("the 12th alone, one thread, is the 12th of the three days on two threads").isEqualTo(-1);
    }
}
