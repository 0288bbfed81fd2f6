package io.darkscope.query;

import io.darkscope.analysis.DayStates;
import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.CaptureWriter;
import io.darkscope.capture.Captures;
import io.darkscope.capture.FrameBatch;
import io.darkscope.capture.PcapWriter;
import io.darkscope.capture.PcapngWriter;
import io.darkscope.config.DarkscopeConfig;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.darknet.Prefix;
import io.darkscope.decode.LinkType;
import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoTestData;
import io.darkscope.ingest.Ingest;
import io.darkscope.ingest.IngestListener;
import io.darkscope.ingest.IngestOptions;
import io.darkscope.pipeline.PacketPipeline;
import io.darkscope.pipeline.SourceTally;
import io.darkscope.sim.SimulationOptions;
import io.darkscope.sim.Simulator;
import io.darkscope.sim.scenario.Scenario;
import io.darkscope.store.Provenance;
import io.darkscope.store.Store;
import io.darkscope.testing.PipelineRun;
import io.darkscope.testing.ScannerMix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariant that rules everything: the same packets give the same store and the same
 * answers however they came. Three simulated days of every tool model (with backscatter, IPv6,
 * fragments and a day of 25 hours) plus sources whose contrary packet comes first or last are
 * ingested once as the simulator wrote them; then, for each seed, shuffled, cut at random
 * packet boundaries into files of random formats, ingested in random order by random numbers of
 * workers, commits and files read at once; and fed as a stream, flushed and committed every few thousand packets
 * as a live sensor does. Every table and every answer must equal the one-pass ingest's, byte
 * for byte. More seeds: {@code -Ddarkscope.splitSeeds=100}.
 */
class SplitInvarianceTest {
    private static final int SEEDS = Integer.getInteger("darkscope.splitSeeds", 3);

    /** A captured frame with its link type, as the simulator wrote it. */
    private record Frame(int linkType, long nanos, int wireLength, byte[] bytes) {
    }

    @TempDir
    static Path dir;
    private static DarknetRegistry registry;
    private static ZoneId zone;
    private static final List<Frame> frames = new ArrayList<>();
    private static Map<String, List<String>> expected;
    private static GeoData geo;

    @BeforeAll
    static void ingestOnceAsWritten() throws Exception {
        geo = GeoTestData.open(dir);
        Path sim = dir.resolve("sim");
        Path yaml = dir.resolve("every-tool.yaml");
        try (var in = Simulator.class.getResourceAsStream("every-tool.yaml")) {
            Files.copy(in, yaml);
        }
        Scenario scenario = Scenario.load(yaml.toString());
        new Simulator(scenario, new SimulationOptions(null, null, 1, 11, false, false, 2)).run(sim, n -> { });
        DarkscopeConfig config = DarkscopeConfig.load(sim.resolve("darkscope.yaml"));
        zone = config.zone();
        List<DarknetRegistry.Entry> entries = new ArrayList<>(config.registry().entries());
        entries.add(new DarknetRegistry.Entry(Prefix.parse("198.51.100.0/24"), null, null));
        registry = new DarknetRegistry(entries);
        List<Path> captures;
        try (var files = Files.list(sim.resolve(Simulator.CAPTURES))) {
            captures = new ArrayList<>(files.sorted().toList());
        }
        for (Path capture : captures) {
            read(capture);
        }
        long start = scenario.from().atStartOfDay(zone).toEpochSecond();
        for (PipelineRun.Frame f : ScannerMix.generate(5, 20_000, start, 3 * 86_400L)) {
            frames.add(new Frame(LinkType.ETHERNET, f.nanos(), f.bytes().length, f.bytes()));
        }
        Path mix = dir.resolve("mix.pcap");
        write(mix, frames.subList(frames.size() - 20_000, frames.size()), false, false);
        captures.add(mix);
        Path data = dir.resolve("one-pass");
        ingest(data, captures, 2, 200_000_000L, 1);
        expected = snapshot(data);
        assertThat(expected.get("day_fingerprint")).as("the fingerprints are there to compare").isNotEmpty();
        assertThat(expected.get("day_backscatter")).isNotEmpty();
    }

    private static void read(Path capture) throws Exception {
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

    private static void write(Path file, List<Frame> part, boolean pcapng, boolean gzip) throws Exception {
        try (OutputStream raw = Files.newOutputStream(file); OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            CaptureWriter writer = pcapng ? pcapng(out) : new PcapWriter(out, LinkType.ETHERNET, true);
            for (Frame f : part) {
                writer.write(f.nanos(), f.bytes(), 0, f.bytes().length, f.wireLength());
            }
            writer.close();
        }
    }

    private static CaptureWriter pcapng(OutputStream out) throws Exception {
        PcapngWriter writer = new PcapngWriter(out, false);
        writer.addInterface(LinkType.ETHERNET, 65535, 9);
        return writer;
    }

    private static void ingest(Path data, List<Path> files, int workers, long commitEvery, int readers) throws Exception {
        try (Store store = Store.open(data)) {
            IngestOptions options = new IngestOptions(registry, zone, workers, 64L << 20, commitEvery, readers);
            new Ingest(store, options, IngestListener.NONE).run(files);
            new QueryService(store, geo).detectEvents(null, null, 5, 10);
        }
    }

    @AfterAll
    static void closeGeo() throws Exception {
        geo.close();
    }

    @Test
    void filesCutAndShuffledEveryWayGiveTheSameStoreAndAnswers() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        for (int seed = 0; seed < SEEDS; seed++) {
            List<Frame> shuffled = new ArrayList<>(frames);
            Collections.shuffle(shuffled, new Random(random.nextLong()));
            int cuts = 2 + random.nextInt(11);
            List<Path> files = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < cuts; i++) {
                int to = i == cuts - 1 ? shuffled.size() : from + random.nextInt(shuffled.size() - from + 1);
                Path file = dir.resolve("seed" + seed + "-part" + i + ".cap");
                write(file, shuffled.subList(from, to), random.nextBoolean(), random.nextInt(4) == 0);
                files.add(file);
                from = to;
            }
            Collections.shuffle(files, new Random(random.nextLong()));
            Path data = dir.resolve("files-" + seed);
            ingest(data, files, 1 + random.nextInt(3), frames.size() / (1 + random.nextInt(8)), 1 + random.nextInt(3));
            assertThat(snapshot(data)).as("seed " + seed + ": " + cuts + " files").isEqualTo(expected);
        }
    }

    /** A live sensor's path: the packets in capture order, flushed every few thousand and committed as a stream, days closing as time passes. */
    @Test
    void aStreamFlushedEveryFewThousandPacketsGivesTheSameStoreAndAnswers() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int seed = 0; seed < SEEDS; seed++) {
            List<Frame> ordered = new ArrayList<>(frames);
            ordered.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
            if (seed % 2 == 1) {
                Collections.shuffle(ordered, new Random(random.nextLong())); // out of order: days close early and take late parts
            }
            Path data = dir.resolve("stream-" + seed);
            int every = ordered.size() / (10 + random.nextInt(40)) + 1;
            try (Store store = Store.open(data);
                 PacketPipeline pipeline = PacketPipeline.builder(registry, zone).workers(1 + random.nextInt(3)).memory(32 << 20).build()) {
                SourceTally tally = new SourceTally();
                long committed = ordered.get(0).nanos() - 1;
                long latest = Long.MIN_VALUE;
                for (int i = 0; i < ordered.size(); i += every) {
                    FrameBatch batch = pipeline.emptyBatch();
                    for (Frame f : ordered.subList(i, Math.min(ordered.size(), i + every))) {
                        batch.append(f.linkType(), f.nanos(), f.wireLength(), f.bytes(), 0, f.bytes().length);
                        latest = Math.max(latest, f.nanos());
                    }
                    pipeline.submit(batch, tally);
                    List<DayStates> days = pipeline.flush();
                    long until = Math.max(latest, committed + 1);
                    store.commit(new Provenance.Stream("sensor", committed + 1, until, Provenance.CaptureStats.NONE), days, Math.floorDiv(latest, 1_000_000_000L) - 60,
                            registry, zone);
                    committed = until;
                }
                store.commit(new Provenance.Stream("sensor", committed + 1, committed + 1, Provenance.CaptureStats.NONE), List.of(), Long.MAX_VALUE, registry, zone);
                new QueryService(store, geo).detectEvents(null, null, 5, 10);
            }
            assertThat(snapshot(data)).as("stream seed " + seed + ", a commit every " + every).isEqualTo(expected);
        }
    }

    private static Map<String, List<String>> snapshot(Path data) throws Exception {
        return StoreSnapshot.of(data, geo, StoreSnapshot.TABLES);
    }
}
