package io.darkscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.analysis.traffic.TrafficRows;
import io.darkscope.geo.GeoData;
import io.darkscope.query.QueryService;
import io.darkscope.sim.SimulationOptions;
import io.darkscope.sim.Simulator;
import io.darkscope.sim.scenario.Scenario;
import io.darkscope.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sensor on a wire: {@code darkscope observe --interface} in one network namespace, traffic
 * sent from another over a veth pair the test makes (and removes). A simulated day replayed by
 * tcpreplay is counted exactly as the simulator's truth says when libpcap reports no drop; real
 * zmap and masscan scans are recognised by their fingerprints.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LiveCaptureTest {
    private static final String DARKNET = "45.64.0.0/14";
    private static final Pattern CAPTURE = Pattern.compile("capture: ([\\d,]+) received, ([\\d,]+) dropped by the kernel, ([\\d,]+) by the interface");

    @TempDir
    static Path dir;
    private static VethPair veth;
    private static Path config;

    @BeforeAll
    static void makeTheWire() throws Exception {
        String why = VethPair.unavailable();
        assumeTrue(why == null, why);
        veth = new VethPair(DARKNET);
        config = dir.resolve("darkscope.yaml");
        Files.writeString(config, "timezone: UTC\ndarknet:\n  - " + DARKNET + "\n  - 45.80.0.0/16\n  - 2001:db8:1::/48\n");
    }

    @AfterAll
    static void removeTheWire() {
        if (veth != null) {
            veth.close();
        }
    }

    @Test
    void aReplayedDayIsCountedExactlyAsTheSimulatorSentIt() throws Exception {
        assumeTrue(VethPair.have("tcpreplay"), "tcpreplay is not installed (apt-get install tcpreplay)");
        Path sim = dir.resolve("sim");
        new Simulator(Scenario.load("nicter-2016"), new SimulationOptions(LocalDate.of(2016, 10, 1), LocalDate.of(2016, 10, 1), 0.0002, 9, false, false, 1))
                .run(sim, n -> { });
        Path capture;
        try (var files = Files.list(sim.resolve(Simulator.CAPTURES))) {
            capture = files.findFirst().orElseThrow();
        }
        JsonNode truth = new ObjectMapper().readTree(sim.resolve("truth.json").toFile()).get("days").get(0);

        Path data = dir.resolve("replayed");
        Sensor sensor = Sensor.start(data, "replay");
        VethPair.Result sent = veth.exec(veth.sender, 120, "tcpreplay", "-i", VethPair.SEND_INTERFACE, "--pps=20000", capture.toString());
        assertThat(sent.exit()).as(sent.out()).isZero();
        String log = sensor.stop();

        Matcher m = CAPTURE.matcher(log);
        assertThat(m.find()).as(log).isTrue();
        assumeTrue(number(m.group(2)) == 0 && number(m.group(3)) == 0, "libpcap reported drops, so counts cannot be exact: " + m.group());
        List<TrafficRows.Day> days = query(data, q -> q.daily(null, null));
        JsonNode packets = truth.get("packets");
        assertThat(days.stream().mapToLong(d -> d.packets().total()).sum()).as(log).isEqualTo(packets.get("total").asLong());
        assertThat(days.stream().mapToLong(d -> d.packets().tcp()).sum()).isEqualTo(packets.get("tcp").asLong());
        assertThat(days.stream().mapToLong(d -> d.packets().udp()).sum()).isEqualTo(packets.get("udp").asLong());
        assertThat(days.stream().mapToLong(d -> d.packets().icmp()).sum()).isEqualTo(packets.get("icmp").asLong());
        if (days.size() == 1) { // a replay across midnight splits the sources over two days
            assertThat(days.get(0).sources().all()).isEqualTo(truth.get("sources").get("all").asLong());
            assertThat(days.get(0).sources().tcp()).isEqualTo(truth.get("sources").get("tcp").asLong());
        }
    }

    @Test
    void zmapAndMasscanAreRecognisedOnTheWireAndTheApiShowsThemAfterTheNextCommit() throws Exception {
        assumeTrue(VethPair.have("zmap") && VethPair.have("masscan"), "zmap or masscan is not installed (apt-get install zmap masscan)");
        assumeTrue(VethPair.have("curl") && VethPair.have("tcpdump"), "curl or tcpdump is not installed");
        Path data = dir.resolve("scanned");
        Sensor sensor = Sensor.start(data, "scans", "--serve", "--port", "8642", "--commit-every", "5s", "--lateness", "2s");
        // tcpdump beside the sensor: what the tools really sent (masscan may send a probe twice, and any SYN
        // may carry the other tool's mark by chance: 1 in 65,536), the reference for the counts
        Path wireLog = dir.resolve("wire.log");
        Path wire = dir.resolve("wire.pcap");
        Process tcpdump = veth.start(veth.capture, wireLog, "tcpdump", "-n", "-i", VethPair.CAPTURE_INTERFACE, "-s", "96", "-w", wire.toString(),
                "dst net 45.64.0.0/15 and tcp[tcpflags] & tcp-syn != 0");
        for (int i = 0; i < 100 && !Files.readString(wireLog).contains("listening on"); i++) {
            Thread.sleep(100);
        }
        Path blocklist = Files.writeString(dir.resolve("empty.blocklist"), "");
        // zmap needs the gateway's MAC (the sender has no default route) and an empty blocklist (its default one excludes much)
        VethPair.Result zmap = veth.exec(veth.sender, 90, "timeout", "-k", "5", "60", "zmap", "-i", VethPair.SEND_INTERFACE,
                "-S", VethPair.SENDER_IP, "-G", VethPair.CAPTURE_MAC, "-p", "80", "-n", "5000", "-B", "10M", "-c", "1", "-t", "30",
                "-b", blocklist.toString(), "-q", "-o", dir.resolve("zmap.csv").toString(), "45.64.0.0/16");
        assertThat(zmap.exit()).as(tail(zmap.out())).isZero();
        // masscan waits for a packet on its interface before it exits: a trickle back to it
        Process trickle = veth.start(veth.capture, dir.resolve("trickle.log"), "timeout", "60", "bash", "-c",
                "while :; do echo k > /dev/udp/" + VethPair.SENDER_IP + "/9 2>/dev/null; sleep 0.2; done");
        VethPair.Result masscan = veth.exec(veth.sender, 90, "timeout", "-k", "5", "60", "masscan", "45.65.0.0/20", "-p80,443",
                "--rate", "20000", "-e", VethPair.SEND_INTERFACE, "--adapter-ip", VethPair.SENDER_IP, "--adapter-mac", VethPair.SENDER_MAC,
                "--router-mac", VethPair.CAPTURE_MAC, "--wait", "1");
        trickle.destroyForcibly();
        assertThat(masscan.exit()).as(tail(masscan.out())).isZero();
        long scanned = System.nanoTime();
        Thread.sleep(500);
        tcpdump.destroy();
        assertThat(tcpdump.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(onTheWire(wire, "dst net 45.65.0.0/20")).as("masscan probes each of 4096 addresses on 2 ports, a probe at most twice")
                .isBetween(8192L, 8192L * 2);
        long zmapMarked = onTheWire(wire, "ip[4:2] = 54321");
        long masscanMarked = onTheWire(wire, "ip[4:2] = (ip[18:2] ^ tcp[2:2] ^ tcp[6:2])");
        assertThat(zmapMarked).as("zmap's 5000 probes and masscan's by chance").isBetween(5000L, 5010L);

        // the API, asked from the sensor's namespace, within one window and its lateness (5 s + 2 s) and a margin for the commit
        JsonNode answer = null;
        while (System.nanoTime() - scanned < 25_000_000_000L) {
            VethPair.Result api = veth.exec(veth.capture, 10, "curl", "-s", "http://127.0.0.1:8642/api/fingerprints");
            answer = api.exit() == 0 && api.out().startsWith("[") ? new ObjectMapper().readTree(api.out()) : null;
            if (answer != null && packetsOf(answer, "zmap") == zmapMarked && packetsOf(answer, "masscan") == masscanMarked) {
                break;
            }
            Thread.sleep(1000);
        }
        double seconds = (System.nanoTime() - scanned) / 1e9;
        assertThat(answer).as("the API answered").isNotNull();
        assertThat(packetsOf(answer, "zmap")).as(answer.toString()).isEqualTo(zmapMarked);
        assertThat(packetsOf(answer, "masscan")).as(answer.toString()).isEqualTo(masscanMarked);
        assertThat(seconds).isLessThan(25);
        String log = sensor.stop();

        List<FingerprintQueries.Row> rows = query(data, q -> q.fingerprints(null, null));
        assertThat(packetsOf(rows, "zmap")).as(log).isEqualTo(zmapMarked);
        assertThat(packetsOf(rows, "masscan")).as(log).isEqualTo(masscanMarked);
    }

    /** A fingerprint's packets over its days in the API's answer, from one source each day; 0 if absent. */
    private static long packetsOf(JsonNode rows, String fingerprint) {
        for (JsonNode row : rows) {
            if (row.get("fingerprint").asText().equals(fingerprint)) {
                long packets = 0;
                for (JsonNode day : row.get("days")) {
                    assertThat(day.get("sources").asLong()).isEqualTo(1);
                    packets += day.get("packets").asLong();
                }
                return packets;
            }
        }
        return 0;
    }

    private static long packetsOf(List<FingerprintQueries.Row> rows, String fingerprint) {
        Optional<FingerprintQueries.Row> row = rows.stream().filter(r -> r.fingerprint().equals(fingerprint)).findFirst();
        assertThat(row).as(fingerprint + " among " + rows).isPresent();
        assertThat(row.get().days()).allSatisfy(d -> assertThat(d.sources()).isEqualTo(1));
        return row.get().days().stream().mapToLong(FingerprintQueries.FingerprintDay::packets).sum();
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 400));
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }

    private interface Query<T> {
        T ask(QueryService q) throws Exception;
    }

    private static <T> T query(Path data, Query<T> query) throws Exception {
        try (Store store = Store.openReadOnly(data); GeoData geo = GeoData.open(dir, null, null)) {
            return query.ask(new QueryService(store, geo));
        }
    }

    /** {@code darkscope observe --interface vethB} running in the capture namespace. */
    private record Sensor(Process process, Path log) {
        static Sensor start(Path data, String name, String... options) throws IOException, InterruptedException {
            Path log = dir.resolve(name + ".log");
            List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-Djava.io.tmpdir=" + dir, // DuckDB's library, unpacked there, outlives a killed JVM
                    "-cp", System.getProperty("java.class.path"), Darkscope.class.getName(), "observe", "--interface", VethPair.CAPTURE_INTERFACE,
                    "--config", config.toString(), "--data", data.toString()));
            command.addAll(List.of(options));
            Process p = veth.start(veth.capture, log, command.toArray(String[]::new));
            for (int i = 0; i < 300 && !Files.readString(log).contains("observing"); i++) {
                assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).contains("observing");
            return new Sensor(p, log);
        }

        /** SIGTERM, as an operator stops it: the last window is committed. */
        String stop() throws IOException, InterruptedException {
            Thread.sleep(500); // frames reach the ring within the 100 ms block timeout
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String text = Files.readString(log);
            assertThat(process.exitValue()).as(text).isIn(0, 143);
            return text;
        }
    }

    /** The packets of a capture that match a filter, as tcpdump counts them. */
    private static long onTheWire(Path capture, String filter) throws Exception {
        VethPair.Result count = VethPair.run(30, "tcpdump", "-r", capture.toString(), "--count", filter);
        Matcher m = Pattern.compile("(\\d+) packets").matcher(count.out());
        assertThat(m.find()).as(count.out()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
