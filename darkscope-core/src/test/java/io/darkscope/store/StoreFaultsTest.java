package io.darkscope.store;

import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.ingest.Ingest;
import io.darkscope.ingest.IngestListener;
import io.darkscope.ingest.IngestOptions;
import io.darkscope.testing.SyntheticTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each way a store can be broken gets its own message saying what to do, never a stack trace
 * or a wrong diagnosis; a full disk loses nothing that was committed before.
 */
class StoreFaultsTest {
    private static final long START = 1_474_243_200L; // 2016-09-19T00:00:00Z

    @TempDir
    Path dir;

    @Test
    void damagedBlocksAreReportedAsDamageNotAsALock() throws Exception {
        Path data = storeWithOneDay("damaged");
        Path file = data.resolve(Store.DATABASE);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            for (long at = 12_288 + 100; at < f.length(); at += 262_144) { // every block, past its checksum
                f.seek(at);
                f.write(new byte[64]);
            }
        }
        assertThatThrownBy(() -> Store.openReadOnly(data).close()).isInstanceOf(StoreException.class)
                .hasMessageContaining("is damaged").hasMessageContaining("restore it from a backup").hasMessageNotContaining("in use");
        assertThatThrownBy(() -> Store.open(data).close()).hasMessageContaining("is damaged");
    }

    @Test
    void aTruncatedStoreIsReportedAsTruncatedForReadersAndWriters() throws Exception {
        Path data = storeWithOneDay("truncated");
        Path file = data.resolve(Store.DATABASE);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        assertThatThrownBy(() -> Store.openReadOnly(data).close()).hasMessageContaining("is truncated").hasMessageNotContaining("never completed");
        assertThatThrownBy(() -> Store.open(data).close()).hasMessageContaining("is truncated");
    }

    @Test
    void foreignFilesAreNamedAndNeverOpenedByDuckDb() throws Exception {
        Path sqlite = Files.createDirectories(dir.resolve("sqlite"));
        Files.write(sqlite.resolve(Store.DATABASE), ("SQLite format 3\0" + "x".repeat(100)).getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Store.open(sqlite).close()).hasMessageContaining("is an SQLite database, not a DuckDB one");
        Path text = Files.createDirectories(dir.resolve("text"));
        Files.writeString(text.resolve(Store.DATABASE), "hello, this is not a database");
        assertThatThrownBy(() -> Store.openReadOnly(text).close()).hasMessageContaining("is not a DuckDB database (it starts with 68 65 6c 6c");
    }

    @Test
    void anEmptyStoreFileLeftByAKilledCreationIsStartedAgainByAWriter() throws Exception {
        Path data = Files.createDirectories(dir.resolve("empty"));
        Files.createFile(data.resolve(Store.DATABASE));
        assertThatThrownBy(() -> Store.openReadOnly(data).close()).hasMessageContaining("is empty");
        ingest(data, SyntheticTraffic.generate(1, 2_000, 100, START, 3_600));
        assertThat(packets(data)).isPositive();
    }

    @Test
    void aDamagedTimeZoneIsNamed() throws Exception {
        Path data = storeWithOneDay("zone");
        try (Store store = Store.open(data); Statement s = store.connection().createStatement()) {
            s.execute("UPDATE meta SET value = 'Mars/Olympus_Mons' WHERE key = 'timezone'");
        }
        try (Store store = Store.openReadOnly(data)) {
            assertThatThrownBy(store::zone).hasMessageContaining("is damaged: its time zone 'Mars/Olympus_Mons' is not one");
        }
    }

    /** A small tmpfs (root only): the commit that does not fit fails with the reason, and what was committed before stays. */
    @Test
    void aFullDiskFailsTheCommitWithTheReasonAndKeepsWhatWasCommitted() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mount.toString()) == 0, "cannot mount a tmpfs here (needs root)");
        try {
            Path data = mount.resolve("data");
            List<SyntheticTraffic.Packet> small = SyntheticTraffic.generate(2, 2_000, 100, START, 3_600);
            ingest(data, small);
            long before = packets(data);
            assertThat(before).isEqualTo(small.stream().filter(SyntheticTraffic.Packet::darknet).count());
            Path filler = mount.resolve("filler");
            Files.write(filler, new byte[(int) (Files.getFileStore(mount).getUsableSpace() - 64 * 1024)]);
            List<SyntheticTraffic.Packet> big = SyntheticTraffic.generate(3, 60_000, 50_000, START + 86_400, 86_400);
            assertThatThrownBy(() -> ingest(data, big)).isInstanceOf(StoreException.class).hasMessageContaining("the disk is full")
                    .hasMessageContaining("nothing of this commit was stored");
            Files.delete(filler);
            assertThat(packets(data)).as("the earlier commit is intact").isEqualTo(before);
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    private Path storeWithOneDay(String name) throws Exception {
        Path data = dir.resolve(name);
        ingest(data, SyntheticTraffic.generate(1, 5_000, 300, START, 3_600));
        return data;
    }

    private void ingest(Path data, List<SyntheticTraffic.Packet> packets) throws Exception {
        Path capture = dir.resolve("capture-" + System.nanoTime() + ".pcap");
        SyntheticTraffic.writePcap(capture, packets);
        DarknetRegistry registry = DarknetRegistry.readCidrList(Files.writeString(dir.resolve("darknet.txt"), SyntheticTraffic.DARKNET));
        try (Store store = Store.open(data)) {
            new Ingest(store, IngestOptions.defaults(registry, ZoneOffset.UTC).withWorkers(1), IngestListener.NONE).run(List.of(capture));
        } finally {
            Files.delete(capture);
        }
    }

    private static long packets(Path data) throws Exception {
        try (Store store = Store.openReadOnly(data); Statement s = store.connection().createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(sum(packets), 0) FROM day_totals")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
