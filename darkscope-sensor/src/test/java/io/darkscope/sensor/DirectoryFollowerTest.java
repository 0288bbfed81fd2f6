package io.darkscope.sensor;

import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.ingest.IngestOptions;
import io.darkscope.ingest.IngestSummary;
import io.darkscope.store.Store;
import io.darkscope.testing.SyntheticTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following a directory a capture tool rotates files into: a file is ingested once it has
 * settled, not while it is written; a file that grows after it was ingested adds only its new
 * packets; a restarted follower counts nothing twice. Expected counts are the generator's.
 */
class DirectoryFollowerTest {
    private static final long START = 1_474_243_200L; // 2016-09-19T00:00:00Z
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void filesAreIngestedOnceSettledAndGrowthIsAppendedExactlyOnce() throws Exception {
        Path captures = Files.createDirectories(dir.resolve("captures"));
        List<SyntheticTraffic.Packet> packets = SyntheticTraffic.generate(3, 9_000, 500, START, 3_600);
        long now = System.currentTimeMillis();
        Path first = captures.resolve("a.pcap");
        Path second = captures.resolve("b.pcap");
        SyntheticTraffic.writePcap(first, packets.subList(0, 3_000));
        SyntheticTraffic.writePcap(second, packets.subList(3_000, 5_000));
        SyntheticTraffic.writePcap(captures.resolve(".c.pcap.tmp"), packets.subList(5_000, 9_000)); // being written under a hidden name
        Files.setLastModifiedTime(first, FileTime.fromMillis(now - 60_000));
        Files.setLastModifiedTime(second, FileTime.fromMillis(now - 1_000)); // still being written

        try (Store store = Store.open(dir.resolve("data"))) {
            DirectoryFollower follower = follower(store, captures);
            assertThat(follower.scan(now)).containsExactly(first);
            ingest(store, follower.scan(now)); // nothing new
            ingest(store, List.of(first));
            assertThat(darknet(store)).isEqualTo(darknetIn(packets.subList(0, 3_000)));

            assertThat(follower.scan(now + SETTLE.toMillis())).containsExactly(second);
            ingest(store, List.of(second));
            assertThat(darknet(store)).isEqualTo(darknetIn(packets.subList(0, 5_000)));

            SyntheticTraffic.writePcap(second, packets.subList(3_000, 7_000)); // the second file grew
            Files.setLastModifiedTime(second, FileTime.fromMillis(now));
            List<Path> grown = follower.scan(now + SETTLE.toMillis());
            assertThat(grown).containsExactly(second);
            ingest(store, grown);
            assertThat(darknet(store)).isEqualTo(darknetIn(packets.subList(0, 7_000)));

            DirectoryFollower restarted = follower(store, captures);
            ingest(store, restarted.scan(now + SETTLE.toMillis()));
            assertThat(darknet(store)).as("a restarted follower offers every file again; the ledger counts none twice")
                    .isEqualTo(darknetIn(packets.subList(0, 7_000)));
        }
    }

    private DirectoryFollower follower(Store store, Path captures) throws Exception {
        return new DirectoryFollower(store, options(), captures, SETTLE, Duration.ofSeconds(1));
    }

    private IngestOptions options() throws Exception {
        DarknetRegistry registry = DarknetRegistry.readCidrList(Files.writeString(dir.resolve("darknet.txt"), SyntheticTraffic.DARKNET));
        return IngestOptions.defaults(registry, ZoneOffset.UTC).withWorkers(2);
    }

    private IngestSummary ingest(Store store, List<Path> files) throws Exception {
        return DirectoryFollower.ingest(store, options(), files);
    }

    private static long darknet(Store store) throws Exception {
        try (Statement s = store.connection().createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(sum(packets), 0) FROM day_totals")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long darknetIn(List<SyntheticTraffic.Packet> packets) {
        return packets.stream().filter(SyntheticTraffic.Packet::darknet).count();
    }
}
