package io.darkscope.aggregate;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.classify.Fingerprint;
import io.darkscope.classify.TrafficClass;
import io.darkscope.decode.DecodeResult;
import io.darkscope.decode.LinkType;
import io.darkscope.decode.PacketDecoder;
import io.darkscope.decode.PacketView;
import io.darkscope.decode.TcpFlags;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The fingerprint rules and traffic classes on packets crafted to pass or to miss each rule by one field. */
class AnalysesTest {
    private static final long T = 1_474_329_600L * 1_000_000_000L; // 2016-09-20T00:00Z
    private static final int DARKNET = 0xC6336400; // 198.51.100.0

    private final FrameBuilder frame = new FrameBuilder();
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();
    private final DayClock clock = new DayClock(ZoneOffset.UTC);
    private int packets;

    private void send(Analyses analyses, FrameBuilder f) {
        byte[] bytes = f.build();
        long t = T + 1_000_000_000L * packets++;
        assertThat(decoder.decode(LinkType.ETHERNET, bytes, 0, bytes.length, bytes.length, t, view)).isEqualTo(DecodeResult.IP);
        clock.moveTo(view.epochSecond());
        analyses.accept(view, clock);
    }

    private FrameBuilder syn(int source, int destination, int port, int seq, int ipId) {
        return frame.reset().ipv4(source, destination).ipId(ipId).tcp(4000, port, seq, 0, TcpFlags.SYN, 5000);
    }

    private static Map<Fingerprint, DayFingerprints.Result> results(Analyses... parts) {
        DayResults merged = null;
        for (Analyses a : parts) {
            List<DayResults> r = a.finish();
            assertThat(r).hasSize(1);
            merged = merged == null ? r.get(0) : merged.merge(r.get(0));
        }
        return merged.fingerprints().results();
    }

    private static long sources(Map<Fingerprint, DayFingerprints.Result> results, Fingerprint f) {
        return results.get(f).sources().getLongCardinality();
    }

    @Test
    void miraiNeedsSequenceEqualToDestinationNoOptionsAndATelnetPort() {
        Analyses a = new Analyses(1024);
        int d = DARKNET | 7;
        send(a, syn(1, d, 23, d, 1));
        send(a, syn(2, d, 2323, d, 1));
        send(a, syn(3, d, 80, d, 1));                                  // not a Telnet port
        send(a, syn(4, d, 23, d + 1, 1));                              // sequence is not the destination
        send(a, syn(5, d, 23, d, 1).tcpOptions(new byte[] {2, 4, 5, (byte) 0xb4})); // options
        send(a, frame.reset().ipv4(6, d).tcp(4000, 23, d, 0, TcpFlags.SYN | TcpFlags.ACK, 5000)); // SYN-ACK
        Map<Fingerprint, DayFingerprints.Result> r = results(a);
        assertThat(r.get(Fingerprint.MIRAI).sources().toArray()).containsExactly(1, 2);
        assertThat(r.get(Fingerprint.MIRAI).packets()).isEqualTo(2);
    }

    @Test
    void fingerprintSourcesAboveAndBelow128AreAllKept() {
        Analyses a = new Analyses(1024);
        int d = DARKNET | 8;
        int[] sources = {0xC0000202, 0x01000001, 0xFFFFFFFE, 0x7FFFFFFF, 0x80000000}; // signed order differs from unsigned
        for (int source : sources) {
            send(a, syn(source, d, 23, d, 1));
            send(a, syn(source, d, 80, 5, 54321));
            send(a, syn(source, d, 81, 6, 54321));
        }
        Map<Fingerprint, DayFingerprints.Result> r = results(a);
        assertThat(r.get(Fingerprint.MIRAI).sources().toArray()).containsExactlyInAnyOrder(sources);
        assertThat(r.get(Fingerprint.ZMAP).sources().toArray()).containsExactlyInAnyOrder(sources);
        assertThat(r.get(Fingerprint.ZMAP).packets()).isEqualTo(10);
    }

    @Test
    void miraisVariantIsDecidedPerSourceOverAllItsPacketsOfTheDay() {
        Analyses file1 = new Analyses(1024);
        Analyses file2 = new Analyses(1024);
        int d = DARKNET | 9;
        for (int i = 0; i < 3; i++) {
            send(file1, syn(10, d, 23, d, 100 + i));   // random IP ID: leaked
            send(file1, syn(11, d, 23, d, 777));       // fixed: early
        }
        send(file1, syn(12, d, 23, d, 5));             // one packet: undetermined
        send(file1, syn(13, d, 23, d, 42));            // fixed in each file, but not the same: leaked
        send(file1, syn(13, d, 23, d, 42));
        send(file2, syn(13, d, 23, d, 43));
        send(file1, syn(14, d, 23, d, 8));             // one packet in each file, the same ID: early
        send(file2, syn(14, d, 23, d, 8));
        Map<Fingerprint, DayFingerprints.Result> r = results(file1, file2);
        assertThat(r.get(Fingerprint.MIRAI_LEAKED).sources().toArray()).containsExactly(10, 13);
        assertThat(r.get(Fingerprint.MIRAI_EARLY).sources().toArray()).containsExactly(11, 14);
        assertThat(r.get(Fingerprint.MIRAI_UNDETERMINED).sources().toArray()).containsExactly(12);
        assertThat(r.get(Fingerprint.MIRAI_EARLY).packets()).isEqualTo(5);
    }

    @Test
    void anIpIdOf54321ByChanceIsNotZMapButTwoAndNothingElseAre() {
        Analyses a = new Analyses(1024);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 5; i++) {
            send(a, syn(20, DARKNET | i, 443, random.nextInt(), 54321));   // ZMap
        }
        send(a, syn(21, DARKNET, 80, random.nextInt(), 54321));            // a single packet: not enough evidence
        for (int i = 0; i < 200; i++) {                                      // random IDs, one of them 54321 by chance
            send(a, syn(22, DARKNET | i, 80, random.nextInt(), i == 100 ? 54321 : random.nextInt(54321)));
        }
        send(a, syn(23, DARKNET, 22, random.nextInt(), 54321));
        send(a, syn(23, DARKNET, 22, random.nextInt(), 54321));
        send(a, syn(23, DARKNET, 22, random.nextInt(), 1));                // then another ID: not ZMap
        Map<Fingerprint, DayFingerprints.Result> r = results(a);
        assertThat(r.get(Fingerprint.ZMAP).sources().toArray()).containsExactly(20);
        assertThat(r.get(Fingerprint.ZMAP).packets()).isEqualTo(5);
    }

    @Test
    void masscansIpIdIsDerivedFromDestinationPortAndSequence() {
        Analyses a = new Analyses(1024);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 4; i++) {
            int dst = DARKNET | i;
            int seq = random.nextInt();
            send(a, syn(30, dst, 3389, seq, (dst ^ 3389 ^ seq) & 0xffff));
            send(a, syn(31, dst, 3389, seq, (dst ^ 3389 ^ seq + 1) & 0xffff));
        }
        assertThat(results(a).get(Fingerprint.MASSCAN).sources().toArray()).containsExactly(30);
    }

    @Test
    void packetsFallIntoScanBackscatterOrOtherAndIcmpErrorsNameTheVictim() {
        Analyses a = new Analyses(1024);
        int victim = 0x5DB8D822; // 93.184.216.34
        send(a, syn(40, DARKNET, 23, 0, 1));
        send(a, frame.reset().ipv4(41, DARKNET).tcp(80, 5555, 1, 2, TcpFlags.SYN | TcpFlags.ACK, 29200));
        send(a, frame.reset().ipv4(42, DARKNET).tcp(80, 5555, 1, 2, TcpFlags.RST, 0));
        send(a, frame.reset().ipv4(43, DARKNET).udp(5000, 53));
        send(a, frame.reset().ipv4(44, DARKNET).icmp(8, 0));
        byte[] quote = new byte[28];
        quote[0] = 0x45;
        quote[9] = 17;
        java.nio.ByteBuffer.wrap(quote).putInt(12, DARKNET | 3).putInt(16, victim);
        send(a, frame.reset().ipv4(45, DARKNET | 3).icmp(3, 3).payload(quote));
        DayResults day = a.finish().get(0);
        assertThat(day.traffic().classSources(TrafficClass.SCAN).ipv4().toArray()).containsExactly(40);
        assertThat(day.traffic().classSources(TrafficClass.BACKSCATTER).ipv4().toArray()).containsExactly(41, 42, 45);
        assertThat(day.traffic().classSources(TrafficClass.OTHER).ipv4().toArray()).containsExactly(43, 44);
        assertThat(day.backscatter().victims().keySet().toIntArray()).containsExactlyInAnyOrder(41, 42, victim);
        assertThat(day.backscatter().victims().get(41).ports()).containsExactly(80);
    }
}
