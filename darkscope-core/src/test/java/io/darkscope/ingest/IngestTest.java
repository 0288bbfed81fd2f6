package io.darkscope.ingest;

import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.decode.IpProtocol;
import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.analysis.traffic.TrafficRows;
import io.darkscope.analysis.traffic.TrafficQueries;
import io.darkscope.pipeline.SkipReason;
import io.darkscope.store.IngestedFile.Status;
import io.darkscope.store.Store;
import io.darkscope.store.StoreException;
import io.darkscope.testing.Reference;
import io.darkscope.testing.SyntheticTraffic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ingest end to end, from capture files to query answers, against the generator's truth. */
class IngestTest {
    private static final long START = 1_474_243_200L; // 2016-09-19T00:00:00Z

    @TempDir
    Path dir;
    private DarknetRegistry registry;
    private List<SyntheticTraffic.Packet> packets;
    private List<Path> files;

    @BeforeEach
    void writeCaptures() throws IOException {
        Path darknet = dir.resolve("darknet.txt");
        Files.writeString(darknet, SyntheticTraffic.DARKNET);
        registry = DarknetRegistry.readCidrList(darknet);
        packets = SyntheticTraffic.generate(42, 40_000, 2_500, START, 4 * 86_400L);
        files = new ArrayList<>();
        Path captures = Files.createDirectories(dir.resolve("captures"));
        for (int i = 0; i < 4; i++) {
            Path file = captures.resolve("part-" + i + ".pcap");
            SyntheticTraffic.writePcap(file, packets.subList(i * 10_000, (i + 1) * 10_000));
            files.add(file);
        }
    }

    private IngestSummary ingest(Path data, List<Path> inputs, IngestOptions options) throws StoreException {
        try (Store store = Store.open(data)) {
            return new Ingest(store, options, IngestListener.NONE).run(inputs);
        }
    }

    private IngestSummary ingest(Path data, List<Path> inputs) throws StoreException {
        return ingest(data, inputs, IngestOptions.defaults(registry, ZoneOffset.UTC));
    }

    /** Everything the stats commands can answer, for comparing two stores. */
    private static List<Object> everything(Path data) throws Exception {
        try (Store store = Store.openReadOnly(data)) {
            TrafficQueries q = new TrafficQueries(store);
            List<Object> all = new ArrayList<>();
            all.addAll(q.yearly());
            all.addAll(q.daily(null, null));
            all.addAll(q.ports(null, null, 0, null));
            all.addAll(q.sources(PortSpec.parseList("23/tcp,2323/tcp"), null, null));
            all.addAll(q.traffic(null, null, false));
            return all;
        }
    }

    private void assertStoreMatches(Path data, List<SyntheticTraffic.Packet> truth) throws Exception {
        Map<LocalDate, Reference.Day> expected = Reference.of(truth, ZoneOffset.UTC);
        try (Store store = Store.openReadOnly(data)) {
            TrafficQueries q = new TrafficQueries(store);
            List<TrafficRows.Day> days = q.daily(null, null);
            assertThat(days).extracting(TrafficRows.Day::date).containsExactlyElementsOf(expected.keySet());
            for (TrafficRows.Day d : days) {
                Reference.Day e = expected.get(d.date());
                assertThat(d.packets().total()).as(d.date() + " packets").isEqualTo(e.total());
                assertThat(d.packets().tcp()).isEqualTo(e.packets.getOrDefault(IpProtocol.TCP, 0L));
                assertThat(d.packets().udp()).isEqualTo(e.packets.getOrDefault(IpProtocol.UDP, 0L));
                assertThat(d.packets().icmp()).isEqualTo(e.packets.getOrDefault(IpProtocol.ICMP, 0L)
                        + e.packets.getOrDefault(IpProtocol.ICMPV6, 0L));
                assertThat(d.sources().all()).as(d.date() + " sources").isEqualTo(e.sources.size());
                assertThat(d.sources().tcp()).isEqualTo(e.sourcesOfProtocols(IpProtocol.TCP));
                assertThat(d.sources().udp()).isEqualTo(e.sourcesOfProtocols(IpProtocol.UDP));
                assertThat(d.sources().icmp()).isEqualTo(e.sourcesOfProtocols(IpProtocol.ICMP, IpProtocol.ICMPV6));
            }
            List<TrafficRows.DaySources> telnet = q.sources(PortSpec.parseList("23/tcp,2323/tcp"), null, null);
            assertThat(telnet).extracting(TrafficRows.DaySources::sources)
                    .containsExactlyElementsOf(expected.values().stream().map(e -> e.sourcesOf("23/6", "2323/6")).toList());
            TrafficRows.Port top = q.ports(null, null, 1, IpProtocol.TCP).get(0);
            Set<String> overRange = new HashSet<>();
            long packetsOverRange = 0;
            for (Reference.Day e : expected.values()) {
                overRange.addAll(e.portSources.getOrDefault(top.port() + "/6", Set.of()));
                packetsOverRange += e.portPackets.getOrDefault(top.port() + "/6", 0L);
            }
            assertThat(top.packets()).isEqualTo(packetsOverRange);
            assertThat(top.sources()).as("sources over the range are a union, not a sum").isEqualTo(overRange.size());
            long total = expected.values().stream().mapToLong(Reference.Day::total).sum();
            assertThat(top.share()).isEqualTo(packetsOverRange / (double) total);
            assertThat(q.yearly()).singleElement().satisfies(y -> {
                assertThat(y.packets()).isEqualTo(total);
                assertThat(y.addresses()).isEqualTo(256);
            });
        }
    }

    @Test
    void ingestedStatisticsEqualTheTruth() throws Exception {
        Path data = dir.resolve("data");
        IngestSummary summary = ingest(data, files);
        assertThat(summary.records()).isEqualTo(packets.size());
        assertThat(summary.darknetPackets()).isEqualTo(packets.stream().filter(SyntheticTraffic.Packet::darknet).count());
        assertThat(summary.skipped().get(SkipReason.NOT_DARKNET)).isEqualTo(packets.stream().filter(p -> !p.darknet()).count());
        assertThat(summary.filesByStatus()).containsExactly(Map.entry(Status.OK, 4L));
        assertStoreMatches(data, packets);
    }

    @Test
    void ingestingTheSameFilesAgainChangesNothing() throws Exception {
        Path data = dir.resolve("data");
        ingest(data, files);
        List<Object> before = everything(data);
        IngestSummary again = ingest(data, files);
        assertThat(again.alreadyIngested()).hasSize(4);
        assertThat(again.records()).isZero();
        assertThat(everything(data)).isEqualTo(before);
        for (Path f : files) { // touched but unchanged: recognised by content
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        }
        assertThat(ingest(data, files).alreadyIngested()).hasSize(4);
        assertThat(everything(data)).isEqualTo(before);
    }

    @Test
    void theOrderAndGroupingOfFilesDoNotMatter() throws Exception {
        Path forward = dir.resolve("forward");
        ingest(forward, files);
        Path backward = dir.resolve("backward");
        List<Path> reversed = new ArrayList<>(files);
        Collections.reverse(reversed);
        ingest(backward, reversed, IngestOptions.defaults(registry, ZoneOffset.UTC).withCommitEvery(1).withWorkers(3));
        Path fourAtOnce = dir.resolve("four-at-once");
        ingest(fourAtOnce, reversed, IngestOptions.defaults(registry, ZoneOffset.UTC).withReaders(4));
        Path twoRuns = dir.resolve("two-runs");
        ingest(twoRuns, List.of(files.get(2), files.get(0)), IngestOptions.defaults(registry, ZoneOffset.UTC).withWorkers(1));
        ingest(twoRuns, List.of(files.get(3), files.get(1)));
        assertThat(everything(backward)).isEqualTo(everything(forward));
        assertThat(everything(twoRuns)).isEqualTo(everything(forward));
        assertThat(everything(fourAtOnce)).isEqualTo(everything(forward));
        assertStoreMatches(twoRuns, packets);
    }

    /** Each part holds 10,000 records: a group is committed before the file that would take it past its size, not after. */
    @Test
    void aGroupIsCommittedBeforeAFileThatWouldTakeItPastItsSize() throws Exception {
        Path oneByOne = dir.resolve("one-by-one");
        ingest(oneByOne, files, IngestOptions.defaults(registry, ZoneOffset.UTC).withCommitEvery(15_000));
        Path threeAndOne = dir.resolve("three-and-one");
        ingest(threeAndOne, files, IngestOptions.defaults(registry, ZoneOffset.UTC).withCommitEvery(35_000));
        assertThat(commits(oneByOne)).isEqualTo(4);
        assertThat(commits(threeAndOne)).isEqualTo(2);
        assertStoreMatches(oneByOne, packets);
        assertStoreMatches(threeAndOne, packets);
    }

    private static long commits(Path data) throws Exception {
        try (Store store = Store.openReadOnly(data);
             java.sql.Statement s = store.connection().createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT count(*) FROM commits")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void theSameCaptureUnderAnotherNameOrCompressedIsCountedOnce() throws Exception {
        Path data = dir.resolve("data");
        Path copy = dir.resolve("copy-of-part-0.pcap");
        Files.copy(files.get(0), copy);
        IngestSummary summary = ingest(data, List.of(files.get(0), copy, files.get(1), files.get(2), files.get(3)));
        assertThat(summary.filesByStatus()).containsEntry(Status.DUPLICATE, 1L);
        assertStoreMatches(data, packets);
        Path gzip = dir.resolve("another-copy.pcap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(Files.readAllBytes(files.get(1)));
        }
        IngestSummary again = ingest(data, List.of(gzip));
        assertThat(again.files()).singleElement().satisfies(r -> {
            assertThat(r.file().status()).isEqualTo(Status.DUPLICATE);
            assertThat(r.file().message()).contains("the same capture as").contains("part-1.pcap");
        });
        assertThat(again.anyRefused()).as("a duplicate is not an error").isFalse();
        assertStoreMatches(data, packets);
    }

    /** A capture ingested while still being written, then again when complete: its first part is not counted twice. */
    @Test
    void aCaptureThatGrewHasOnlyItsNewRecordsCounted() throws Exception {
        Path data = dir.resolve("data");
        SyntheticTraffic.writePcap(files.get(0), packets.subList(0, 4_000));
        ingest(data, files);
        SyntheticTraffic.writePcap(files.get(0), packets.subList(0, 10_000));
        IngestSummary grown = ingest(data, files.subList(0, 1));
        assertThat(grown.files()).singleElement().satisfies(r -> {
            assertThat(r.file().status()).isEqualTo(Status.OK);
            assertThat(r.file().packets()).isEqualTo(6_000);
            assertThat(r.file().message()).contains("grew since").contains("only the records after");
        });
        assertStoreMatches(data, packets);
        Path renamedGzipCopy = dir.resolve("complete-copy.pcap.gz"); // the completed file copied elsewhere: nothing new
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(renamedGzipCopy))) {
            out.write(Files.readAllBytes(files.get(0)));
        }
        assertThat(ingest(data, List.of(renamedGzipCopy)).filesByStatus()).containsOnlyKeys(Status.DUPLICATE);
        assertStoreMatches(data, packets);
    }

    /**
     * Files read at once: a copy, and a capture that goes on from another, are known as such
     * while the file they start with is still being read.
     */
    @Test
    void filesReadAtOnceAreStillCountedOnce() throws Exception {
        Path data = dir.resolve("data");
        Path start = dir.resolve("start-of-part-0.pcap");
        SyntheticTraffic.writePcap(start, packets.subList(0, 4_000));
        Path copy = dir.resolve("copy-of-part-1.pcap");
        Files.copy(files.get(1), copy);
        List<Path> inputs = List.of(start, files.get(1), copy, files.get(0), files.get(2), files.get(3));
        IngestSummary summary = ingest(data, inputs, IngestOptions.defaults(registry, ZoneOffset.UTC).withReaders(3));
        assertThat(summary.files()).extracting(r -> r.file().status())
                .containsExactly(Status.OK, Status.OK, Status.DUPLICATE, Status.OK, Status.OK, Status.OK);
        assertThat(summary.files().get(3).file().packets()).isEqualTo(6_000);
        assertThat(summary.files().get(3).file().message()).contains("grew since").contains("start-of-part-0.pcap");
        assertStoreMatches(data, packets);
    }

    @Test
    void aFileChangedSinceItWasIngestedIsRefused() throws Exception {
        Path data = dir.resolve("data");
        ingest(data, files);
        SyntheticTraffic.writePcap(files.get(0), packets.subList(0, 5_000));
        IngestSummary summary = ingest(data, List.of(files.get(0)));
        assertThat(summary.files()).singleElement().satisfies(r -> {
            assertThat(r.file().status()).isEqualTo(Status.CHANGED);
            assertThat(r.file().message()).contains("changed since it was ingested");
        });
        assertThat(summary.anyRefused()).as("a refusal fails the command").isTrue();
        assertStoreMatches(data, packets);
    }

    @Test
    void badInputIsReportedAndEveryGoodRecordKept() throws Exception {
        Path data = dir.resolve("data");
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Path text = bad.resolve("README.txt");
        Files.writeString(text, "not a capture\n");
        Path truncated = bad.resolve("truncated.pcap");
        byte[] whole = Files.readAllBytes(files.get(1));
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 7));
        Path gzip = bad.resolve("damaged.pcap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(Files.readAllBytes(files.get(2)));
        }
        byte[] compressed = Files.readAllBytes(gzip);
        Files.write(gzip, Arrays.copyOf(compressed, compressed.length * 2 / 3));
        Path missing = bad.resolve("missing.pcap");

        IngestSummary summary = ingest(data, List.of(files.get(0), text, truncated, gzip, missing));
        assertThat(summary.anyRefused()).isTrue();
        Map<String, Status> statuses = new java.util.HashMap<>();
        summary.files().forEach(r -> statuses.put(Path.of(r.file().path()).getFileName().toString(), r.file().status()));
        assertThat(statuses).containsEntry("part-0.pcap", Status.OK).containsEntry("README.txt", Status.REJECTED)
                .containsEntry("truncated.pcap", Status.DAMAGED).containsEntry("damaged.pcap.gz", Status.DAMAGED)
                .containsEntry("missing.pcap", Status.REJECTED);
        FileReport cut = summary.files().stream().filter(r -> r.file().path().endsWith("truncated.pcap")).findFirst().orElseThrow();
        assertThat(cut.file().packets()).isEqualTo(9_999);
        assertThat(cut.problems()).singleElement().satisfies(p -> assertThat(p.offset()).isEqualTo(whole.length - 16 - 
                packets.get(19_999).frame().length));
        long gzipRecords = summary.files().stream().filter(r -> r.file().path().endsWith(".gz")).findFirst().orElseThrow().file().packets();
        assertThat(gzipRecords).isBetween(1L, 9_999L);

        List<SyntheticTraffic.Packet> good = new ArrayList<>(packets.subList(0, 10_000));
        good.addAll(packets.subList(10_000, 19_999));
        good.addAll(packets.subList(20_000, 20_000 + (int) gzipRecords));
        assertStoreMatches(data, good);
    }

    @Test
    void aCrashInTheMiddleOfAFileLeavesNoneOfItAndARerunCompletes() throws Exception {
        Path data = dir.resolve("data");
        List<Path> big = new ArrayList<>(List.of(files.get(0)));
        Path large = dir.resolve("captures").resolve("large.pcap");
        List<SyntheticTraffic.Packet> more = SyntheticTraffic.generate(43, 120_000, 2_500, START, 4 * 86_400L);
        SyntheticTraffic.writePcap(large, more);
        big.add(large);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + dir, // DuckDB's library, unpacked there, outlives a halted JVM
                "-cp", System.getProperty("java.class.path"), CrashingIngest.class.getName(), data.toString(),
                dir.resolve("darknet.txt").toString(), "50000", "1"));
        big.forEach(p -> command.add(p.toString()));
        Process crashing = new ProcessBuilder(command).inheritIO().start();
        assertThat(crashing.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(crashing.exitValue()).as("the ingest was killed mid-file").isEqualTo(3);

        assertStoreMatches(data, packets.subList(0, 10_000));
        try (Store store = Store.openReadOnly(data)) {
            assertThat(store.ledger().files()).extracting(f -> Path.of(f.path()).getFileName().toString()).containsExactly("part-0.pcap");
        }
        IngestSummary rerun = ingest(data, big);
        assertThat(rerun.alreadyIngested()).hasSize(1);
        List<SyntheticTraffic.Packet> all = new ArrayList<>(packets.subList(0, 10_000));
        all.addAll(more);
        assertStoreMatches(data, all);
    }

    @Test
    void aStoreKeepsTheTimeZoneItsDaysWereCountedIn() throws Exception {
        Path data = dir.resolve("data");
        ingest(data, files.subList(0, 1));
        assertThatThrownBy(() -> ingest(data, files.subList(1, 2), IngestOptions.defaults(registry, ZoneId.of("Asia/Tokyo"))))
                .isInstanceOf(StoreException.class).hasMessageContaining("counts days in Z, not Asia/Tokyo");
        IngestSummary sameZoneOtherName = ingest(data, files.subList(1, 2), IngestOptions.defaults(registry, ZoneId.of("UTC")));
        assertThat(sameZoneOtherName.files()).singleElement().satisfies(r -> assertThat(r.file().status()).isEqualTo(Status.OK));
    }
}
