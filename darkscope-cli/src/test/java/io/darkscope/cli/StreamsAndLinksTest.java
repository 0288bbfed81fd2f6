package io.darkscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkscope.testing.SyntheticTraffic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.darkscope.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Captures that are not plain files: standard input and a named pipe read to their end, and the
 * links, pipes and loops a directory may hold, each reported by name and reason while every good
 * capture is counted. Expected counts are the synthetic packets' own darknet flags.
 */
class StreamsAndLinksTest {
    private static final long START = 1_474_243_200L; // 2016-09-19T00:00:00Z

    @TempDir
    Path dir;
    private Path data;
    private Path darknet;
    private List<SyntheticTraffic.Packet> first;
    private List<SyntheticTraffic.Packet> second;
    private Path firstFile;
    private Path secondFile;

    @BeforeEach
    void writeCaptures() throws Exception {
        data = dir.resolve("data");
        darknet = Files.writeString(dir.resolve("darknet.txt"), SyntheticTraffic.DARKNET);
        List<SyntheticTraffic.Packet> packets = SyntheticTraffic.generate(9, 8_000, 500, START, 86_400L);
        first = packets.subList(0, 5_000);
        second = packets.subList(5_000, 8_000);
        firstFile = dir.resolve("first.pcap");
        secondFile = dir.resolve("second.pcap");
        SyntheticTraffic.writePcap(firstFile, first);
        SyntheticTraffic.writePcap(secondFile, second);
    }

    @Test
    void standardInputIsOneCaptureAndTheSameBytesAgainAreADuplicate() throws Exception {
        CliTest.Run once = withStdin(Files.readAllBytes(firstFile), () -> ingest("-"));
        assertThat(once.status()).as(once.out() + once.err()).isZero();
        assertThat(storedPackets()).isEqualTo(darknet(first));

        CliTest.Run again = withStdin(Files.readAllBytes(firstFile), () -> ingest("-"));
        assertThat(again.out()).contains("the same capture as stdin at");
        assertThat(storedPackets()).as("counted once").isEqualTo(darknet(first));
        try (var left = Files.list(data)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("the spooled streams are deleted").noneMatch(n -> n.startsWith(".stream-"));
        }
    }

    @Test
    void aNamedPipeIsReadToItsEndWhenGivenAsAStream() throws Exception {
        Path fifo = dir.resolve("capture.fifo");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "needs mkfifo");
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                Files.copy(secondFile, out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        CliTest.Run r = CompletableFuture.supplyAsync(() -> ingest("--stream", fifo.toString(), firstFile.toString())).get(60, TimeUnit.SECONDS);
        writer.get(10, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(storedPackets()).isEqualTo(darknet(first) + darknet(second));
    }

    @Test
    void linksPipesAndLoopsInADirectoryAreReportedAndTheCapturesCounted() throws Exception {
        Path captures = Files.createDirectories(dir.resolve("captures"));
        Files.move(firstFile, captures.resolve("first.pcap"));
        Files.createSymbolicLink(captures.resolve("linked.pcap"), secondFile);
        Files.createSymbolicLink(captures.resolve("dangling.pcap"), dir.resolve("gone.pcap"));
        Files.createSymbolicLink(captures.resolve("loop"), captures.resolve("loop"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(captures.resolve("more"), elsewhere);
        boolean fifo = new ProcessBuilder("mkfifo", captures.resolve("pipe").toString()).start().waitFor() == 0;

        CliTest.Run r = CompletableFuture.supplyAsync(() -> ingest(captures.toString())).get(60, TimeUnit.SECONDS);
        assertThat(r.status()).as("every refusal exits non-zero").isEqualTo(1);
        assertThat(r.err()).doesNotContain("Exception");
        assertThat(r.out()).contains("dangling.pcap: cannot read: no such file (a symbolic link to " + dir.resolve("gone.pcap") + ")")
                .contains("loop: cannot read:")
                .contains("more: a directory (a symbolic link to " + elsewhere + "), not followed");
        if (fifo) {
            assertThat(r.out()).contains("pipe: not a regular file");
        }
        assertThat(storedPackets()).as("the file and the file a link names").isEqualTo(darknet(first) + darknet(second));
    }

    @Test
    void aStreamThatIsARegularFileOrNothingToIngestIsRefused() {
        assertThat(ingest("--stream", firstFile.toString()).err()).contains("is a regular file: give it to ingest as a PATH");
        CliTest.Run nothing = ingest();
        assertThat(nothing.status()).isEqualTo(1);
        assertThat(nothing.err()).contains("nothing to ingest");
    }

    private CliTest.Run ingest(String... extra) {
        List<String> args = new ArrayList<>(List.of("ingest", "--data", data.toString(), "--darknet", darknet.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private static CliTest.Run withStdin(byte[] bytes, java.util.function.Supplier<CliTest.Run> command) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(bytes));
        try {
            return command.get();
        } finally {
            System.setIn(before);
        }
    }

    private static long darknet(List<SyntheticTraffic.Packet> packets) {
        return packets.stream().filter(SyntheticTraffic.Packet::darknet).count();
    }

    private long storedPackets() throws Exception {
        JsonNode yearly = new ObjectMapper().readTree(run("stats", "yearly", "--data", data.toString(), "--format", "json").out());
        long total = 0;
        for (JsonNode year : yearly) {
            total += year.get("packets").asLong();
        }
        return total;
    }
}
