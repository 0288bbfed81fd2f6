package io.darkscope.cli;

import io.darkscope.flink.EmbeddedKafka;
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

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributed path as an operator types it: captures published with {@code ingest --kafka}
 * or by a sensor with {@code observe --kafka}, then counted by {@code darkscope flink --local},
 * and a directory of captures counted by {@code flink --local --files}: each store equals one
 * process's {@code ingest} of the same captures, table by table and answer by answer. One test
 * broker (KRaft, in this JVM) serves every test.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FlinkCommandTest {
    @TempDir
    static Path dir;
    private static Path captures;
    private static Path config;
    private static GeoData geo;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void simulateAndStartBroker() throws Exception {
        geo = GeoData.open(dir, null, null);
        Path sim = dir.resolve("sim");
        Path yaml = dir.resolve("every-tool.yaml");
        try (InputStream in = Simulator.class.getResourceAsStream("every-tool.yaml")) {
            Files.copy(in, yaml);
        }
        new Simulator(Scenario.load(yaml.toString()), new SimulationOptions(null, null, 1, 5, false, false, 2)).run(sim, n -> { });
        captures = sim.resolve(Simulator.CAPTURES);
        config = sim.resolve("darkscope.yaml");
        kafka = new EmbeddedKafka(dir.resolve("kafka")).start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
        geo.close();
    }

    @Test
    void capturesPublishedWithIngestAndCountedByLocalFlinkEqualIngest() throws Exception {
        kafka.createTopic("ingested", 3);
        List<String> files = files();
        CliTest.Run published = CliTest.run("ingest", "--kafka", kafka.bootstrapServers(), "--topic", "ingested", "--data", dir.resolve("publisher").toString(),
                files.get(0), files.get(1), files.get(2));
        assertThat(published.status()).as(published.err()).isZero();
        assertThat(published.out()).contains("published");

        Path data = countFromKafka("ingested");
        assertSameStore(data, ingest(files, "ingest-all"));
    }

    @Test
    void aSensorPublishingAsWellAsCommittingFeedsTheSameCountsToFlink() throws Exception {
        kafka.createTopic("sensed", 2);
        String day = files().get(1);
        Path sensed = dir.resolve("sensor");
        InputStream stdin = System.in;
        try (InputStream capture = Files.newInputStream(Path.of(day))) {
            System.setIn(capture);
            CliTest.Run sensor = CliTest.run("observe", "-", "--kafka", kafka.bootstrapServers(), "--topic", "sensed", "--data", sensed.toString(), "--config", config.toString(),
                    "--commit-every", "1h", "--quiet");
            assertThat(sensor.status()).as(sensor.err()).isZero();
            assertThat(sensor.err()).contains("publishing the frames to sensed").contains("0 dropped");
        } finally {
            System.setIn(stdin);
        }

        Path ingested = ingest(List.of(day), "ingest-day");
        assertSameStore(countFromKafka("sensed"), ingested);
        assertSameStore(sensed, ingested);
    }

    @Test
    void aDirectoryCountedByLocalFlinkEqualsIngest() throws Exception {
        Path data = dir.resolve("flink-files");
        CliTest.Run flink = CliTest.run("flink", "--local", "--files", captures.toString(), "--data", data.toString(), "--config", config.toString(),
                "--parallelism", "2");
        assertThat(flink.status()).as(flink.err()).isZero();
        assertThat(flink.out()).contains("flink job finished");
        assertSameStore(data, ingest(files(), "ingest-files"));
    }

    @Test
    void aFileThatIsNotACaptureIsOneLineAndTheExitStatusAsIngestSaysIt() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("not-captures"));
        Files.write(bad.resolve("notes.pcap"), "these are notes, not packets\n".repeat(20).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        CliTest.Run flink = CliTest.run("flink", "--local", "--files", bad.toString(), "--data", dir.resolve("flink-bad").toString(),
                "--config", config.toString());
        assertThat(flink.status()).as(flink.out() + flink.err()).isEqualTo(1);
        assertThat(flink.out()).contains("rejected: " + bad.resolve("notes.pcap") + ": not a capture");

        CliTest.Run missing = CliTest.run("flink", "--local", "--files", dir.resolve("no-such-dir").toString(), "--data",
                dir.resolve("flink-missing").toString(), "--config", config.toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("darkscope flink: --files " + dir.resolve("no-such-dir") + ": no such directory\n");
        assertThat(dir.resolve("flink-missing")).as("no store made for a mistake").doesNotExist();
    }

    /** {@code darkscope flink --local} over a topic to its end, into a new store. */
    private static Path countFromKafka(String topic) {
        Path data = dir.resolve("flink-" + topic);
        CliTest.Run flink = CliTest.run("flink", "--local", "--kafka", kafka.bootstrapServers(), "--topic", topic, "--stop-at-end",
                "--data", data.toString(), "--config", config.toString(), "--parallelism", "2", "--checkpoint-interval", "1s");
        assertThat(flink.status()).as(flink.err()).isZero();
        assertThat(flink.out()).contains("not counted: 0");
        return data;
    }

    private static Path ingest(List<String> files, String name) {
        Path data = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("ingest", "--config", config.toString(), "--data", data.toString()));
        args.addAll(files);
        CliTest.Run ingest = CliTest.run(args.toArray(String[]::new));
        assertThat(ingest.status()).as(ingest.err()).isZero();
        return data;
    }

    private static List<String> files() throws Exception {
        try (Stream<Path> files = Files.list(captures)) {
            return files.sorted().map(Path::toString).toList();
        }
    }

    /**
     * Every table but the parts a day is held in (they depend on how often it was committed) and
     * every answer equal, each named when it is not.
     */
    private static void assertSameStore(Path actual, Path expected) throws Exception {
        List<String> tables = StoreSnapshot.TABLES.stream().filter(t -> !t.equals("day_parts")).toList();
        Map<String, List<String>> want = StoreSnapshot.of(expected, geo, tables);
        Map<String, List<String>> got = StoreSnapshot.of(actual, geo, tables);
        want.forEach((table, rows) -> assertThat(got.get(table)).as(actual.getFileName() + ": " + table).isEqualTo(rows));
    }
}
