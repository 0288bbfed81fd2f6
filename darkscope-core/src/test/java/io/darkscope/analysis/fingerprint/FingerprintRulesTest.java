package io.darkscope.analysis.fingerprint;

import io.darkscope.analysis.DayStates;
import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.TcpFlags;
import io.darkscope.testing.PipelineRun;
import io.darkscope.testing.PipelineRun.Frame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fingerprint rules on packets crafted to pass or to miss each rule by one field, and the
 * same evidence split and ordered every way: a source's fingerprints depend on its packets, not
 * on the order or the files they came in.
 */
class FingerprintRulesTest {
    private static final long T = 1_474_329_600L * 1_000_000_000L; // 2016-09-20T00:00Z
    private static final int DARKNET = 0xC6336400; // 198.51.100.0

    private final FrameBuilder frame = new FrameBuilder();
    private final List<Frame> frames = new ArrayList<>();

    private void send(FrameBuilder f) {
        frames.add(new Frame(T + 1_000_000_000L * frames.size(), f.build()));
    }

    private FrameBuilder syn(int source, int destination, int port, int seq, int ipId) {
        return frame.reset().ipv4(source, destination).ipId(ipId).tcp(4000, port, seq, 0, TcpFlags.SYN, 5000);
    }

    /** The fingerprints of the frames read as several files: each a run of the pipeline, their states merged. */
    private static Map<Fingerprint, FingerprintState.Result> results(List<List<Frame>> files) {
        DayStates merged = null;
        for (List<Frame> file : files) {
            List<DayStates> days = PipelineRun.run(file, 2);
            assertThat(days).hasSize(1);
            merged = merged == null ? days.get(0) : merged.merge(days.get(0));
        }
        return merged.get(FingerprintAnalysis.INSTANCE).results();
    }

    private Map<Fingerprint, FingerprintState.Result> results() {
        return results(List.of(frames));
    }

    private static int[] sources(Map<Fingerprint, FingerprintState.Result> results, Fingerprint f) {
        return results.get(f).sources().toArray();
    }

    @Test
    void miraiNeedsSequenceEqualToDestinationNoOptionsAndATelnetPort() {
        int d = DARKNET | 7;
        send(syn(1, d, 23, d, 1));
        send(syn(2, d, 2323, d, 1));
        send(syn(3, d, 80, d, 1));                                  // not a Telnet port
        send(syn(4, d, 23, d + 1, 1));                              // sequence is not the destination
        send(syn(5, d, 23, d, 1).tcpOptions(new byte[] {2, 4, 5, (byte) 0xb4})); // options
        send(frame.reset().ipv4(6, d).tcp(4000, 23, d, 0, TcpFlags.SYN | TcpFlags.ACK, 5000)); // SYN-ACK
        Map<Fingerprint, FingerprintState.Result> r = results();
        assertThat(sources(r, Fingerprint.MIRAI)).containsExactly(1, 2);
        assertThat(r.get(Fingerprint.MIRAI).packets()).isEqualTo(2);
    }

    @Test
    void fingerprintSourcesAboveAndBelow128AreAllKept() {
        int d = DARKNET | 8;
        int[] sources = {0xC0000202, 0x01000001, 0xFFFFFFFE, 0x7FFFFFFF, 0x80000000}; // signed order differs from unsigned
        for (int source : sources) {
            send(syn(source, d, 23, d, 1));
            send(syn(source, d, 80, 5, 54321));
            send(syn(source, d, 81, 6, 54321));
        }
        Map<Fingerprint, FingerprintState.Result> r = results();
        assertThat(sources(r, Fingerprint.MIRAI)).containsExactlyInAnyOrder(sources);
        assertThat(sources(r, Fingerprint.ZMAP)).containsExactlyInAnyOrder(sources);
        assertThat(r.get(Fingerprint.ZMAP).packets()).isEqualTo(10);
    }

    @Test
    void miraisVariantIsDecidedPerSourceOverAllItsPacketsOfTheDay() {
        List<Frame> file1 = new ArrayList<>();
        int d = DARKNET | 9;
        for (int i = 0; i < 3; i++) {
            send(syn(10, d, 23, d, 100 + i));   // random IP ID: leaked
            send(syn(11, d, 23, d, 777));       // fixed: early
        }
        send(syn(12, d, 23, d, 5));             // one packet: undetermined
        send(syn(13, d, 23, d, 42));            // fixed in each file, but not the same: leaked
        send(syn(13, d, 23, d, 42));
        send(syn(14, d, 23, d, 8));             // one packet in each file, the same ID: early
        file1.addAll(frames);
        frames.clear();
        send(syn(13, d, 23, d, 43));
        send(syn(14, d, 23, d, 8));
        Map<Fingerprint, FingerprintState.Result> r = results(List.of(file1, new ArrayList<>(frames)));
        assertThat(sources(r, Fingerprint.MIRAI_LEAKED)).containsExactly(10, 13);
        assertThat(sources(r, Fingerprint.MIRAI_EARLY)).containsExactly(11, 14);
        assertThat(sources(r, Fingerprint.MIRAI_UNDETERMINED)).containsExactly(12);
        assertThat(r.get(Fingerprint.MIRAI_EARLY).packets()).isEqualTo(5);
    }

    @Test
    void zmapsMarkCountsWhenItIsFarBeyondChance() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 5; i++) {
            send(syn(20, DARKNET | i, 443, random.nextInt(), 54321));       // ZMap
        }
        send(syn(21, DARKNET, 80, random.nextInt(), 54321));                // a single packet: not enough evidence
        for (int i = 0; i < 1000; i++) {                                      // random IDs, two of them 54321 by chance
            send(syn(22, DARKNET | (i & 0xff), 80, random.nextInt(), i == 100 || i == 700 ? 54321 : random.nextInt(54321)));
        }
        send(syn(23, DARKNET, 22, random.nextInt(), 54321));                // two marks of three: a second tool or NAT,
        send(syn(23, DARKNET, 22, random.nextInt(), 54321));                // but chance gives that once in 10^9
        send(syn(23, DARKNET, 22, random.nextInt(), 1));
        Map<Fingerprint, FingerprintState.Result> r = results();
        assertThat(sources(r, Fingerprint.ZMAP)).containsExactly(20, 23);
        assertThat(r.get(Fingerprint.ZMAP).packets()).isEqualTo(7);
    }

    @Test
    void masscansIpIdIsDerivedFromDestinationPortAndSequence() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 4; i++) {
            int dst = DARKNET | i;
            int seq = random.nextInt();
            send(syn(30, dst, 3389, seq, (dst ^ 3389 ^ seq) & 0xffff));
            send(syn(31, dst, 3389, seq, (dst ^ 3389 ^ seq + 1) & 0xffff));
        }
        assertThat(sources(results(), Fingerprint.MASSCAN)).containsExactly(30);
    }

    /** One address running two tools on one day, as in gubertoli/ProbingDataset: 30 ZMap SYNs, then 4,989 masscan SYNs. */
    @Test
    void oneHostRunningZMapAndMasscanIsBothWhicheverCameFirst() {
        SplittableRandom random = new SplittableRandom(3);
        List<Frame> zmap = new ArrayList<>();
        List<Frame> masscan = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            send(syn(40, DARKNET | i, 443, random.nextInt(), 54321));
        }
        zmap.addAll(frames);
        frames.clear();
        for (int i = 0; i < 4989; i++) {
            int dst = DARKNET | (i & 0xff);
            int seq = random.nextInt();
            send(syn(40, dst, 80 + i % 7, seq, (dst ^ (80 + i % 7) ^ seq) & 0xffff));
        }
        masscan.addAll(frames);
        for (List<List<Frame>> order : List.of(List.of(zmap, masscan), List.of(masscan, zmap))) {
            Map<Fingerprint, FingerprintState.Result> r = results(order);
            assertThat(sources(r, Fingerprint.ZMAP)).containsExactly(40);
            assertThat(sources(r, Fingerprint.MASSCAN)).containsExactly(40);
        }
    }

    /** The regression of the pipeline issue: IP IDs [54321, 54321, 1] from one source give one answer in every order and split. */
    @Test
    void evidenceIsTheSameInEveryOrderAndEverySplit() {
        int d = DARKNET | 3;
        List<Frame> packets = List.of(
                frameOf(syn(50, d, 80, 11, 54321)), frameOf(syn(50, d, 81, 12, 54321)), frameOf(syn(50, d, 82, 13, 1)),
                frameOf(syn(51, d, 23, d, 7)), frameOf(syn(51, d, 23, d, 7)), frameOf(syn(51, d, 23, d, 9)),
                frameOf(syn(52, d, 3389, 100, (d ^ 3389 ^ 100) & 0xffff)), frameOf(syn(52, d, 3389, 200, (d ^ 3389 ^ 200) & 0xffff)),
                frameOf(syn(52, d, 3389, 300, 5)));
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 40; trial++) {
            List<Frame> shuffled = new ArrayList<>(packets);
            Collections.shuffle(shuffled, new java.util.Random(random.nextLong()));
            List<List<Frame>> files = new ArrayList<>();
            int parts = 1 + random.nextInt(4);
            for (int i = 0; i < parts; i++) {
                files.add(new ArrayList<>());
            }
            shuffled.forEach(f -> files.get(random.nextInt(parts)).add(f));
            files.removeIf(List::isEmpty);
            Map<Fingerprint, FingerprintState.Result> r = results(files);
            assertThat(sources(r, Fingerprint.ZMAP)).as("trial " + trial).containsExactly(50);
            assertThat(r.get(Fingerprint.ZMAP).packets()).isEqualTo(2);
            assertThat(sources(r, Fingerprint.MIRAI_LEAKED)).containsExactly(51);
            assertThat(sources(r, Fingerprint.MASSCAN)).containsExactly(52);
        }
    }

    private Frame frameOf(FrameBuilder f) {
        return new Frame(T + 1_000_000_000L * frames.size(), f.build());
    }
}
