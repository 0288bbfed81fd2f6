package io.darkscope.analysis.backscatter;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.capture.PcapWriter;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.darknet.Prefix;
import io.darkscope.decode.LinkType;
import io.darkscope.decode.TcpFlags;
import io.darkscope.ingest.Ingest;
import io.darkscope.ingest.IngestListener;
import io.darkscope.ingest.IngestOptions;
import io.darkscope.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Attacks cut from backscatter by the documented thresholds, on hand-made victims. */
class DosQueriesTest {
    private static final long T = 1_474_329_600L; // 2016-09-20T00:00Z
    private static final long NS = 1_000_000_000L;
    private static final int DARKNET = 0xC6336400; // 198.51.100.0/24: 256 addresses
    private static final DarknetRegistry REGISTRY = DarknetRegistry.ofPrefixes(List.of(Prefix.parse("198.51.100.0/24")));

    @TempDir
    Path dir;

    private final FrameBuilder f = new FrameBuilder();

    /** {@code count} SYN-ACKs from {@code victim}'s {@code port}, evenly over {@code seconds} from {@code start} (seconds). */
    private void burst(PcapWriter w, int victim, int port, long start, long seconds, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            byte[] b = f.reset().ipv4(victim, DARKNET | (i & 0xff)).tcp(port, 1024 + i, i, i, TcpFlags.SYN | TcpFlags.ACK, 29200).build();
            w.write(start * NS + i * seconds * NS / count, b, 0, b.length, b.length);
        }
    }

    private List<DosQueries.DosAttack> attacks(Path... pcaps) throws Exception {
        Path data = dir.resolve("data");
        try (Store store = Store.open(data)) {
            new Ingest(store, IngestOptions.defaults(REGISTRY, ZoneId.of("UTC")), IngestListener.NONE).run(List.of(pcaps));
        }
        try (Store store = Store.openReadOnly(data)) {
            return new DosQueries(store).attacks(null, null);
        }
    }

    private PcapWriter writer(Path pcap) throws Exception {
        return new PcapWriter(Files.newOutputStream(pcap), LinkType.ETHERNET, true);
    }

    @Test
    void attacksAreCutAtQuietGapsAndKeptOnlyAboveTheThresholds() throws Exception {
        Path pcap = dir.resolve("b.pcap");
        try (PcapWriter w = writer(pcap)) {
            burst(w, 0x01010101, 443, T + 100, 120, 240);            // an attack: 2 minutes, 120 packets a minute
            burst(w, 0x01010101, 80, T + 100 + 120 + 900, 61, 61);   // 15 quiet minutes later: a second attack of exactly 60 s, port 80
            burst(w, 0x02020202, 443, T + 200, 120, 20);             // too few packets
            burst(w, 0x03030303, 443, T + 300, 30, 100);             // too short
            burst(w, 0x04040404, 443, T, 80_000, 400);               // too slow: never 30 in a minute
        }
        List<DosQueries.DosAttack> attacks = attacks(pcap);
        assertThat(attacks).extracting(DosQueries.DosAttack::victim).containsExactly("1.1.1.1", "1.1.1.1");
        DosQueries.DosAttack first = attacks.stream().filter(a -> a.packets() == 240).findFirst().orElseThrow();
        assertThat(first.ports()).as("ports of this attack only").isEqualTo("443");
        assertThat(first.firstSeen()).isEqualTo("2016-09-20T00:01:40.000Z");
        assertThat(first.lastSeen()).isEqualTo("2016-09-20T00:03:39.500Z");      // the 240th packet, exactly
        assertThat(first.durationSeconds()).isEqualTo(119.5);
        assertThat(first.peakPacketsPerSecond()).isEqualTo(2.0);                  // 120 packets in every minute
        assertThat(first.estimatedAttackPacketsPerSecond()).isEqualTo(2.0 * (1L << 32) / 256);
        DosQueries.DosAttack second = attacks.stream().filter(a -> a.packets() == 61).findFirst().orElseThrow();
        assertThat(second.ports()).isEqualTo("80");
    }

    @Test
    void aFortySecondAttackIsNotASixtySecondOne() throws Exception {
        Path pcap = dir.resolve("b.pcap");
        try (PcapWriter w = writer(pcap)) {
            burst(w, 0x05050505, 443, T + 9, 41, 200); // from xx:09.0 to xx:49.8: 40.8 s, across 10-second buckets
        }
        assertThat(attacks(pcap)).isEmpty();
    }

    @Test
    void anAttackAcrossMidnightIsOneAttackWhateverTheFilesSplit() throws Exception {
        Path before = dir.resolve("before.pcap");
        Path after = dir.resolve("after.pcap");
        try (PcapWriter w = writer(before)) {
            burst(w, 0x06060606, 22, T - 60, 60, 60);
        }
        try (PcapWriter w = writer(after)) {
            burst(w, 0x06060606, 22, T, 60, 60);
        }
        List<DosQueries.DosAttack> attacks = attacks(after, before);
        assertThat(attacks).hasSize(1);
        assertThat(attacks.get(0).packets()).isEqualTo(120);
        assertThat(attacks.get(0).firstSeen()).isEqualTo("2016-09-19T23:59:00.000Z");
    }

    @Test
    void portsAreTheSixteenBusiestTiesByNumber() throws Exception {
        Path pcap = dir.resolve("b.pcap");
        try (PcapWriter w = writer(pcap)) {
            for (int port = 1; port <= 20; port++) {
                burst(w, 0x07070707, 1000 + port, T + 10, 100, port <= 2 ? 20 : 5); // ports 1001 and 1002 busiest, the rest tied
            }
        }
        List<DosQueries.DosAttack> attacks = attacks(pcap);
        assertThat(attacks).hasSize(1);
        assertThat(attacks.get(0).ports()).isEqualTo("1001,1002,1003,1004,1005,1006,1007,1008,1009,1010,1011,1012,1013,1014,1015,1016");
    }
}
