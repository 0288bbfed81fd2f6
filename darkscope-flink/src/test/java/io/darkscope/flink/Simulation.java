package io.darkscope.flink;

import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.config.DarkscopeConfig;
import io.darkscope.geo.GeoData;
import io.darkscope.ingest.Ingest;
import io.darkscope.ingest.IngestListener;
import io.darkscope.ingest.IngestOptions;
import io.darkscope.kafka.KafkaFrames;
import io.darkscope.query.QueryService;
import io.darkscope.query.StoreSnapshot;
import io.darkscope.sim.SimulationOptions;
import io.darkscope.sim.Simulator;
import io.darkscope.sim.scenario.Scenario;
import io.darkscope.store.Store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's every-tool scenario (three days of every tool model on a small darknet, one of
 * them 25 hours long; about 32,000 packets in three captures), written once, and the store that
 * one process's ingest makes of it: what every run through Kafka and Flink must equal, table by
 * table and answer by answer.
 */
final class Simulation implements AutoCloseable {
    final Path dir;
    final List<Path> captures;
    final Path config;
    final DarkscopeConfig darkscope;
    final Map<String, List<String>> expected;
    private final GeoData geo;

    private Simulation(Path dir) throws Exception {
        this.dir = dir;
        Path yaml = dir.resolve("every-tool.yaml");
        try (InputStream in = Simulator.class.getResourceAsStream("every-tool.yaml")) {
            Files.copy(in, yaml);
        }
        Path out = dir.resolve("sim");
        new Simulator(Scenario.load(yaml.toString()), new SimulationOptions(null, null, 1, 11, false, false, 2)).run(out, n -> { });
        try (Stream<Path> files = Files.list(out.resolve(Simulator.CAPTURES))) {
            captures = files.sorted().toList();
        }
        config = out.resolve("darkscope.yaml");
        darkscope = DarkscopeConfig.load(config);
        geo = GeoData.open(dir, null, null);
        expected = snapshot(ingest(captures, dir.resolve("reference")));
    }

    static Simulation create(Path dir) throws Exception {
        return new Simulation(dir);
    }

    /** One process's ingest of the files into a new store, with the events detected. */
    Path ingest(List<Path> files, Path data) throws Exception {
        try (Store store = Store.open(data)) {
            new Ingest(store, new IngestOptions(darkscope.registry(), darkscope.zone(), 2, 64L << 20, 200_000_000L, 1), IngestListener.NONE)
                    .run(files);
        }
        return data;
    }

    /** The store's tables and answers, after the event detection ingest is followed by. */
    Map<String, List<String>> snapshot(Path data) throws Exception {
        try (Store store = Store.open(data)) {
            new QueryService(store, geo).detectEvents(null, null, 5, 10);
        }
        return StoreSnapshot.of(data, geo, StoreSnapshot.TABLES);
    }

    /** Asserts that a store equals the reference, table by table, then answer by answer. */
    void assertEqualsReference(Path data) throws Exception {
        Map<String, List<String>> actual = snapshot(data);
        expected.forEach((table, rows) -> assertThat(actual.get(table)).as(table).isEqualTo(rows));
    }

    /** Publishes every capture, in order; returns the records sent. */
    long publish(KafkaFrames frames) throws Exception {
        long records = 0;
        for (Path capture : captures) {
            try (CaptureReader reader = Captures.open(capture)) {
                records += frames.sendAll(reader);
            }
        }
        frames.flush();
        return records;
    }

    @Override
    public void close() throws IOException {
        geo.close();
    }
}
