package io.darkscope.cli;

import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.capture.FrameBatch;
import io.darkscope.capture.PcapngWriter;
import io.darkscope.geo.GeoData;
import io.darkscope.query.StoreSnapshot;
import io.darkscope.sim.SimulationOptions;
import io.darkscope.sim.Simulator;
import io.darkscope.sim.scenario.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sensor fed a pcap stream on standard input ({@code darkscope observe -}), as a separate
 * process: what it commits equals a one-pass {@code ingest} of the same capture, table for table
 * and answer for answer, also when frames arrive slightly out of order, and when the sensor is
 * killed with SIGKILL in mid-run and the whole stream is replayed to a new one: nothing counted
 * twice, nothing lost.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ObserveStreamTest {
    /** The parts a day is held in depend on how often it was committed; everything else must be equal. */
    private static final List<String> TABLES = StoreSnapshot.TABLES.stream().filter(t -> !t.equals("day_parts")).toList();

    @TempDir
    static Path dir;
    private static Path stream;
    private static Path config;
    private static Map<String, List<String>> expected;
    private static GeoData geo;

    /** A captured frame, as the simulator wrote it. */
    private record Frame(int linkType, long nanos, int wireLength, byte[] bytes) {
    }

    @BeforeAll
    static void simulateAndIngestOnce() throws Exception {
        geo = GeoData.open(dir, null, null);
        Path sim = dir.resolve("sim");
        Path yaml = dir.resolve("every-tool.yaml");
        try (var in = Simulator.class.getResourceAsStream("every-tool.yaml")) {
            Files.copy(in, yaml);
        }
        new Simulator(Scenario.load(yaml.toString()), new SimulationOptions(null, null, 1, 5, false, false, 2)).run(sim, n -> { });
        config = sim.resolve("darkscope.yaml");
        List<Frame> frames = new ArrayList<>();
        try (var files = Files.list(sim.resolve(Simulator.CAPTURES))) {
            for (Path capture : files.sorted().toList()) {
                read(capture, frames);
            }
        }
        frames.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
        swapNeighboursWithinASecond(frames, new Random(3));
        stream = dir.resolve("stream.pcapng");
        write(stream, frames);
        CliTest.Run ingest = CliTest.run("ingest", "--config", config.toString(), "--data", dir.resolve("one-pass").toString(), stream.toString());
        assertThat(ingest.status()).as(ingest.err()).isZero();
        expected = StoreSnapshot.of(dir.resolve("one-pass"), geo, TABLES);
        assertThat(expected.get("day_totals")).as("several days to commit").hasSizeGreaterThan(2);
    }

    @AfterAll
    static void closeGeo() throws Exception {
        geo.close();
    }

    @Test
    void aStreamCommittedHourByHourEqualsOneIngest() throws Exception {
        Path data = dir.resolve("observed");
        Process sensor = observe(data);
        try (OutputStream in = sensor.getOutputStream()) {
            Files.copy(stream, in);
        }
        String out = output(sensor);
        assertThat(sensor.waitFor()).as(out).isZero();
        assertThat(out).contains("windows").doesNotContain("late");
        assertThat(StoreSnapshot.of(data, geo, TABLES)).isEqualTo(expected);
    }

    @Test
    void killedInMidRunAndReplayedFromTheStartCountsEveryPacketOnce() throws Exception {
        Path data = dir.resolve("killed");
        Process first = observe(data);
        BufferedReader lines = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        OutputStream in = first.getOutputStream();
        byte[] bytes = Files.readAllBytes(stream);
        in.write(bytes, 0, bytes.length * 3 / 5 + 7); // cut inside a record, as a pipe is
        in.flush();
        int windows = 0;
        while (windows < 3) {
            String line = lines.readLine();
            assertThat(line).as("the sensor reports its commits").isNotNull();
            windows += line.contains(" to ") ? 1 : 0;
        }
        first.destroyForcibly(); // SIGKILL: no chance to commit what it holds
        first.waitFor();
        in.close();

        Process second = observe(data);
        try (OutputStream replay = second.getOutputStream()) {
            replay.write(bytes);
        }
        String out = output(second);
        assertThat(second.waitFor()).as(out).isZero();
        assertThat(out).as("what the first sensor committed is recognised and dropped").containsPattern("older than the committed horizon: [1-9]");
        assertThat(StoreSnapshot.of(data, geo, TABLES)).isEqualTo(expected);
    }

    private static Process observe(Path data) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Djava.io.tmpdir=" + dir, // DuckDB's library, unpacked there, outlives a killed JVM
                "-cp", System.getProperty("java.class.path"), Darkscope.class.getName(),
                "observe", "-", "--config", config.toString(), "--data", data.toString(), "--commit-every", "1h", "--lateness", "5s")
                .redirectErrorStream(true).start();
    }

    private static String output(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Out of order as a multi-queue capture is: some neighbours less than a second apart trade places. */
    private static void swapNeighboursWithinASecond(List<Frame> frames, Random random) {
        for (int i = 0; i + 1 < frames.size(); i++) {
            if (frames.get(i + 1).nanos() - frames.get(i).nanos() < 1_000_000_000L && random.nextInt(5) == 0) {
                Frame f = frames.get(i);
                frames.set(i, frames.get(i + 1));
                frames.set(i + 1, f);
                i++;
            }
        }
    }

    private static void read(Path capture, List<Frame> frames) throws IOException {
        FrameBatch batch = new FrameBatch();
        try (CaptureReader reader = Captures.open(capture)) {
            while (reader.next(batch)) {
                for (int i = 0; i < batch.count(); i++) {
                    byte[] bytes = Arrays.copyOfRange(batch.data(), batch.frameOffset(i), batch.frameOffset(i) + batch.capturedLength(i));
                    frames.add(new Frame(batch.linkType(i), batch.timestampNanos(i), batch.wireLength(i), bytes));
                }
            }
        }
    }

    private static void write(Path file, List<Frame> frames) throws IOException {
        try (PcapngWriter writer = new PcapngWriter(Files.newOutputStream(file), false)) {
            Map<Integer, Integer> interfaces = new HashMap<>();
            for (Frame f : frames) {
                Integer id = interfaces.get(f.linkType());
                if (id == null) {
                    id = writer.addInterface(f.linkType(), 0, 9);
                    interfaces.put(f.linkType(), id);
                }
                writer.write(id, f.nanos(), f.bytes(), 0, f.bytes().length, f.wireLength());
            }
        }
    }
}
