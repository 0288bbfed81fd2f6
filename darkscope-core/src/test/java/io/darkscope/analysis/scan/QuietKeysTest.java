package io.darkscope.analysis.scan;

import io.darkscope.analysis.DayStates;
import io.darkscope.capture.FrameBuilder;
import io.darkscope.capture.PcapWriter;
import io.darkscope.decode.LinkType;
import io.darkscope.decode.TcpFlags;
import io.darkscope.ingest.Ingest;
import io.darkscope.ingest.IngestListener;
import io.darkscope.ingest.IngestOptions;
import io.darkscope.store.Provenance;
import io.darkscope.store.Store;
import io.darkscope.testing.PipelineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query for scans leaves out the quiet keys of a day stored as one part, and finds what the
 * hand-counted packets below make: pieces of a scan each too small, joined across midnight; keys
 * one packet short; a scan in the last minutes of the last day; a scan that only a timeout longer than the quiet keys' margin joins. The same
 * packets give the same scans ingested from a file (a closed day: one part) and committed by two
 * sensors with the days still open (two parts, read whole).
 */
class QuietKeysTest {
    private static final int DARKNET = 0xC6336400; // 198.51.100.0/24
    private static final long DAY = LocalDateTime.of(2016, 9, 20, 0, 0).toEpochSecond(ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final List<long[]> packets = new ArrayList<>(); // {epoch second, source, destination}

    /** {@code n} SYNs to 23/TCP from one source to n addresses from {@code firstHost}, a second apart from {@code second} of 20 September. */
    private void burst(int source, long second, int n, int firstHost) {
        for (int i = 0; i < n; i++) {
            packets.add(new long[] {DAY + second + i, 0x0B000000 | source, DARKNET | (firstHost + i) & 0xff});
        }
    }

    private static long at(int hours, int minutes) {
        return hours * 3600L + minutes * 60L;
    }

    private void day() {
        burst(1, at(23, 55), 5, 1);          // A: 5 before midnight and 6 after, 8 minutes apart: one scan of 11
        burst(1, at(24, 3), 6, 6);
        burst(2, at(12, 0), 9, 1);           // B: 9 at noon, one short of a scan
        burst(3, at(12, 0), 12, 1);          // C: 12 at noon
        burst(4, at(0, 30), 9, 1);           // D: 9 just after midnight, alone
        burst(5, at(12, 0), 6, 1);           // E: 6 and 6, 9 minutes apart: one scan of 12
        burst(5, at(12, 9), 6, 7);
        burst(6, at(10, 0), 5, 1);           // F: 5 and 5, 1196 s apart: a scan only with a timeout of 20 minutes
        burst(6, at(10, 20), 5, 6);
        burst(8, at(23, 42), 5, 1);          // H: 5 at 23:42 and 5 at 00:01, 1076 s apart: the same across midnight
        burst(8, at(24, 1), 5, 6);
        burst(7, at(22, 30), 5, 1);          // G: 5 at 22:30 and 5 at 00:20, 110 minutes apart: a scan only with a 2-hour timeout
        burst(7, at(24, 20), 5, 6);
        burst(9, at(47, 52), 10, 1);         // I: 10 in the last minutes of the last day: a scan, with no day after it to wait for
        for (int s = 100; s < 400; s++) {    // quiet sources: 1-3 packets at midday
            burst(s, at(11, s % 60), 1 + s % 3, s);
        }
    }

    @Test
    void scansAreTheHandCountedOnesWithTheQuietKeysLeftOutOrRead() throws Exception {
        day();
        Collections.shuffle(packets, new Random(7));
        try (Store store = ingest(packets)) {
            assertThat(count(store, "SELECT count(*) FROM day_scan_quiet")).as("quiet keys stored apart").isPositive();
            assertThat(count(store, "SELECT count(DISTINCT part) FROM day_parts WHERE day = DATE '2016-09-20'")).isEqualTo(1);
            assertHandCounted(new ScanQueries(store));
        }
        try (Store store = Store.open(dir.resolve("two"))) {
            commitOpen(store, "a", packets.subList(0, packets.size() / 2));
            commitOpen(store, "b", packets.subList(packets.size() / 2, packets.size()));
            assertThat(count(store, "SELECT count(DISTINCT part) FROM day_parts WHERE day = DATE '2016-09-20'")).isEqualTo(2);
            assertHandCounted(new ScanQueries(store));
        }
    }

    private static void assertHandCounted(ScanQueries queries) throws SQLException {
        assertThat(scans(queries, ScanQueries.TIMEOUT_SECONDS)).containsExactlyInAnyOrder("11.0.0.1 11", "11.0.0.3 12", "11.0.0.5 12",
                "11.0.0.9 10");
        assertThat(scans(queries, 1200)).containsExactlyInAnyOrder("11.0.0.1 11", "11.0.0.3 12", "11.0.0.5 12", "11.0.0.6 10",
                "11.0.0.8 10", "11.0.0.9 10");
        assertThat(scans(queries, 7200)).containsExactlyInAnyOrder("11.0.0.1 11", "11.0.0.3 12", "11.0.0.5 12", "11.0.0.6 10",
                "11.0.0.8 10", "11.0.0.7 10", "11.0.0.9 10");
    }

    /** Source and packets of each scan of 10 destinations or more. */
    private static List<String> scans(ScanQueries queries, long timeout) throws SQLException {
        return queries.scans(new ScanQueries.Filter(null, null, null, null, null, 10, 0, timeout)).stream()
                .map(s -> s.source() + " " + s.packets()).toList();
    }

    /** A store of the packets ingested from one file. */
    private Store ingest(List<long[]> packets) throws Exception {
        Path file = dir.resolve("day.pcap");
        try (OutputStream out = Files.newOutputStream(file); PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, true)) {
            for (PipelineRun.Frame f : frames(packets)) {
                w.write(f.nanos(), f.bytes(), 0, f.bytes().length, f.bytes().length);
            }
        }
        Store store = Store.open(dir.resolve("one"));
        new Ingest(store, IngestOptions.defaults(PipelineRun.DARKNET, ZoneOffset.UTC), IngestListener.NONE).run(List.of(file));
        return store;
    }

    /** Commits the packets as a sensor's window over both days, the days left open. */
    private static void commitOpen(Store store, String sensor, List<long[]> packets) throws Exception {
        List<DayStates> days = PipelineRun.run(frames(packets), 2);
        store.commit(new Provenance.Stream(sensor, DAY * 1_000_000_000L, (DAY + 2 * 86_400) * 1_000_000_000L, Provenance.CaptureStats.NONE),
                days, DAY, PipelineRun.DARKNET, ZoneOffset.UTC);
    }

    private static List<PipelineRun.Frame> frames(List<long[]> packets) {
        FrameBuilder f = new FrameBuilder();
        return packets.stream().map(p -> new PipelineRun.Frame(p[0] * 1_000_000_000L,
                f.reset().ttl(64).ipId(1).ipv4((int) p[1], (int) p[2]).tcp(40000, 23, 1, 0, TcpFlags.SYN, 1024).build())).toList();
    }

    private static long count(Store store, String sql) throws SQLException {
        try (ResultSet r = store.connection().createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
