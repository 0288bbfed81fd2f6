package io.darkscope.ingest;

import io.darkscope.analysis.traffic.TrafficQueries;
import io.darkscope.capture.Captures;
import io.darkscope.capture.PcapngWriter;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.decode.LinkType;
import io.darkscope.store.IngestedFile.Status;
import io.darkscope.store.Store;
import io.darkscope.testing.SyntheticTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Captures that lie or are not files at all: each gets a report naming the file, the offset and
 * the reason, and the good files of the same run are kept whole.
 */
class BadInputTest {
    private static final long START = 1_474_243_200L; // 2016-09-19T00:00:00Z

    @TempDir
    Path dir;

    private final List<SyntheticTraffic.Packet> packets = SyntheticTraffic.generate(9, 3_000, 300, START, 3_600);

    private IngestSummary ingest(Path data, List<Path> files) throws Exception {
        DarknetRegistry registry = DarknetRegistry.ofPrefixes(
                java.util.Arrays.stream(SyntheticTraffic.DARKNET.split("\\n")).map(io.darkscope.darknet.Prefix::parse).toList());
        try (Store store = Store.open(data)) {
            return new Ingest(store, IngestOptions.defaults(registry, ZoneOffset.UTC).withMemory(32 << 20), IngestListener.NONE).run(files);
        }
    }

    private long darknetPackets(Path data) throws Exception {
        try (Store store = Store.openReadOnly(data)) {
            return new TrafficQueries(store).daily(null, null).stream().mapToLong(d -> d.packets().total()).sum();
        }
    }

    /** A pcap whose second record claims {@code caplen} bytes, after a header claiming {@code snaplen}. */
    private Path lyingPcap(String name, int snaplen, int caplen) throws Exception {
        byte[] frame = packets.get(0).frame();
        ByteBuffer b = ByteBuffer.allocate(24 + 2 * (16 + frame.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(snaplen).putInt(LinkType.ETHERNET);
        b.putInt((int) START).putInt(0).putInt(frame.length).putInt(frame.length).put(frame);
        b.putInt((int) START).putInt(1).putInt(caplen).putInt(caplen).put(frame);
        Path file = dir.resolve(name);
        Files.write(file, b.array());
        return file;
    }

    @Test
    void aLyingRecordLengthStopsOnlyItsFileAndTheGoodFilesBeforeAndAfterAreKept() throws Exception {
        Path good = dir.resolve("good.pcap");
        SyntheticTraffic.writePcap(good, packets.subList(0, 2_000));
        Path after = dir.resolve("zz-after.pcap");
        SyntheticTraffic.writePcap(after, packets.subList(2_000, 3_000));
        Path overflow = lyingPcap("overflow.pcap", 0x7fffffff, 0x7ffffff8);
        Path huge = lyingPcap("huge.pcap", 65535, 1_900_000_000);
        Path data = dir.resolve("data");
        IngestSummary summary = ingest(data, List.of(good, overflow, huge, after));
        for (String lying : List.of("overflow.pcap", "huge.pcap")) {
            FileReport r = summary.files().stream().filter(f -> f.file().path().endsWith(lying)).findFirst().orElseThrow();
            assertThat(r.file().status()).isEqualTo(Status.DAMAGED);
            assertThat(r.file().packets()).as("the record before the lie").isEqualTo(1);
            assertThat(r.problems()).singleElement().satisfies(p -> {
                assertThat(p.offset()).isEqualTo(24 + 16 + packets.get(0).frame().length);
                assertThat(p.reason()).contains("impossible record length");
            });
        }
        long expected = packets.stream().filter(SyntheticTraffic.Packet::darknet).count() + 2 * (packets.get(0).darknet() ? 1 : 0);
        assertThat(darknetPackets(data)).isEqualTo(expected);
    }

    @Test
    void aLyingPcapngPacketLengthSkipsThatPacketOnly() throws Exception {
        Path file = dir.resolve("lying.pcapng");
        byte[] frame = packets.get(1).frame();
        try (OutputStream out = Files.newOutputStream(file); PcapngWriter w = new PcapngWriter(out, false)) {
            w.addInterface(LinkType.ETHERNET, 65535, 9);
            w.write(packets.get(1).nanos(), frame, 0, frame.length, frame.length);
        }
        byte[] bytes = Files.readAllBytes(file);
        int epb = bytes.length - (32 + ((frame.length + 3) & ~3));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(epb + 20, 0x7ffffff8); // captured length: beyond its block
        Path lying = dir.resolve("lying2.pcapng");
        Files.write(lying, bytes);
        IngestSummary summary = ingest(dir.resolve("data"), List.of(lying));
        assertThat(summary.files()).singleElement().satisfies(r -> {
            assertThat(r.file().status()).isEqualTo(Status.DAMAGED);
            assertThat(r.problems()).singleElement().satisfies(p -> {
                assertThat(p.offset()).isEqualTo(epb);
                assertThat(p.reason()).contains("exceeds its block");
            });
        });
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("capture.fifo");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "needs mkfifo");
        Path good = dir.resolve("good.pcap");
        SyntheticTraffic.writePcap(good, packets);
        IngestSummary summary = CompletableFuture.supplyAsync(() -> {
            try {
                return ingest(dir.resolve("data"), List.of(fifo, good));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        FileReport r = summary.files().stream().filter(f -> f.file().path().endsWith("capture.fifo")).findFirst().orElseThrow();
        assertThat(r.file().status()).isEqualTo(Status.REJECTED);
        assertThat(r.file().message()).contains("not a regular file").contains("--stream");
        assertThat(summary.anyRefused()).isTrue();
        assertThat(darknetPackets(dir.resolve("data"))).isEqualTo(packets.stream().filter(SyntheticTraffic.Packet::darknet).count());
    }

    @Test
    void anUnreadableFileSaysWhyNotJustItsName() {
        assertThat(Captures.describe(new AccessDeniedException("/p"))).isEqualTo("permission denied");
        assertThat(Captures.describe(new NoSuchFileException("/p"))).isEqualTo("no such file");
        assertThat(Captures.describe(new FileSystemLoopException("/p"))).isEqualTo("a loop of symbolic links");
    }
}
