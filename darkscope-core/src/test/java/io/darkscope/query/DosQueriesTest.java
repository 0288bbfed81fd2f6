package io.darkscope.query;

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
    private static final int DARKNET = 0xC6336400; // 198.51.100.0/24: 256 addresses

    @TempDir
    Path dir;

    /** {@code count} SYN-ACKs from {@code victim}, evenly over {@code seconds} from {@code start}. */
    private static void burst(PcapWriter w, int victim, long start, long seconds, int count) throws Exception {
        FrameBuilder f = new FrameBuilder();
        for (int i = 0; i < count; i++) {
            byte[] b = f.reset().ipv4(victim, DARKNET | (i & 0xff)).tcp(443, 1024 + i, i, i, TcpFlags.SYN | TcpFlags.ACK, 29200).build();
            w.write((start * 1_000_000_000L) + i * seconds * 1_000_000_000L / count, b, 0, b.length, b.length);
        }
    }

    @Test
    void attacksAreCutAtQuietGapsAndKeptOnlyAboveTheThresholds() throws Exception {
        Path pcap = dir.resolve("b.pcap");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(pcap), LinkType.ETHERNET, true)) {
            burst(w, 0x01010101, T + 100, 120, 240);            // an attack: 2 minutes, 120 packets a minute
            burst(w, 0x01010101, T + 100 + 120 + 900, 60, 60);  // 15 quiet minutes later: a second attack
            burst(w, 0x02020202, T + 200, 120, 20);             // too few packets
            burst(w, 0x03030303, T + 300, 30, 100);             // too short
            burst(w, 0x04040404, T, 80_000, 400);               // too slow: never 30 in a minute
        }
        Path data = dir.resolve("data");
        try (Store store = Store.open(data)) {
            DarknetRegistry registry = DarknetRegistry.ofPrefixes(List.of(Prefix.parse("198.51.100.0/24")));
            new Ingest(store, IngestOptions.defaults(registry, ZoneId.of("UTC")), IngestListener.NONE).run(List.of(pcap));
        }
        try (Store store = Store.openReadOnly(data)) {
            List<Rows.DosAttack> attacks = new DosQueries(store).attacks(null, null);
            assertThat(attacks).extracting(Rows.DosAttack::victim).containsExactly("1.1.1.1", "1.1.1.1");
            Rows.DosAttack first = attacks.stream().filter(a -> a.packets() == 240).findFirst().orElseThrow();
            assertThat(first.ports()).isEqualTo("443");
            assertThat(first.durationSeconds()).isBetween(120L, 130L);
            assertThat(first.peakPacketsPerSecond()).isBetween(2.0, 2.2);
            assertThat(first.estimatedAttackPacketsPerSecond()).isEqualTo(first.peakPacketsPerSecond() * (1L << 32) / 256);
            assertThat(attacks).extracting(Rows.DosAttack::packets).containsExactlyInAnyOrder(240L, 60L);
        }
    }
}
