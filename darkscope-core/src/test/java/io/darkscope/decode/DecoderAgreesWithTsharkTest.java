package io.darkscope.decode;

import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.capture.FrameBatch;
import io.darkscope.testing.TestCaptures;
import io.darkscope.testing.Tshark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every frame of every third-party capture, decoded by darkscope and by tshark (the
 * reference), must agree: IP or not, addresses, protocol fields, ports, TCP and ICMP fields.
 * Two differences are by design. darkscope does not open tunnels (a darknet sees the outer
 * packet), so where tshark shows the ports of an encapsulated packet darkscope must show a
 * tunnel protocol and no ports. And when the snap length cuts an IPv4 header's options,
 * tshark stops before the destination address; darkscope keeps the addresses of the 20 fixed
 * bytes it has (the destination decides whether the packet is darknet) and no transport.
 */
class DecoderAgreesWithTsharkTest {
    @BeforeAll
    static void readAhead() throws Exception {
        if (Tshark.available()) {
            Tshark.readAhead(capturesWithOptions());
        }
    }

    @BeforeEach
    void needsTshark() {
        assumeTrue(Tshark.available(), "tshark is not installed (.ci/run installs it)");
    }

    static List<String> captures() {
        return TestCaptures.names();
    }

    /** Our decoding of one frame, in tshark's terms. */
    private record Ours(DecodeResult result, PacketView view) {
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyFrameAgreesWithTshark(String name) throws Exception {
        Path file = TestCaptures.get(name);
        List<Tshark.Frame> expected = Tshark.read(file);
        List<Ours> ours = decodeAll(file);
        assertThat(ours).as("frames in %s", name).hasSize(expected.size());
        for (int i = 0; i < ours.size(); i++) {
            compare(name + " frame " + (i + 1), expected.get(i), ours.get(i));
        }
    }

    /** The third-party captures and those of the real scanning tools, whose SYNs carry the options signatures read. */
    static List<Path> capturesWithOptions() throws Exception {
        List<Path> files = new ArrayList<>(TestCaptures.names().stream().map(TestCaptures::get).toList());
        Path tools = Path.of(DecoderAgreesWithTsharkTest.class.getResource("/tools/SOURCES.md").toURI()).getParent();
        for (String tool : List.of("hping3-syn.pcap", "linux-connect.pcap", "masscan-1.3.2.pcap", "nmap-7.93-syn.pcap", "zmap-2.1.1.pcap")) {
            files.add(tools.resolve(tool));
        }
        return files;
    }

    @ParameterizedTest
    @MethodSource("capturesWithOptions")
    void tcpOptionsAgreeWithTshark(Path file) throws Exception {
        List<Tshark.TcpOptions> expected = Tshark.readTcpOptions(file);
        List<Ours> ours = decodeAll(file);
        assertThat(ours).hasSize(expected.size());
        for (int i = 0; i < ours.size(); i++) {
            PacketView v = ours.get(i).view();
            if (ours.get(i).result() != DecodeResult.IP || v.protocol() != IpProtocol.TCP || v.transportCaptured() < 20) {
                continue;
            }
            String where = file.getFileName() + " frame " + (i + 1);
            Tshark.TcpOptions t = expected.get(i);
            assertThat(v.tcpMss() < 0 ? "" : Integer.toString(v.tcpMss())).as(where + " mss").isEqualTo(t.mss());
            assertThat(v.tcpWindowScale() < 0 ? "" : Integer.toString(v.tcpWindowScale())).as(where + " window scale")
                    .isEqualTo(t.windowScale());
            List<Integer> kinds = new ArrayList<>();
            for (int k = 0; k < v.tcpOptionCount(); k++) {
                kinds.add((int) (v.tcpOptionKinds() >>> 8 * k) & 0xff);
            }
            List<Integer> theirs = t.kinds().stream().takeWhile(k -> k != 0).limit(PacketView.MAX_OPTION_KINDS).toList();
            assertThat(kinds).as(where + " option kinds").isEqualTo(theirs);
        }
    }

    private static List<Ours> decodeAll(Path file) throws Exception {
        List<Ours> frames = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        try (CaptureReader reader = Captures.open(file)) {
            FrameBatch batch = new FrameBatch();
            while (reader.next(batch)) {
                for (int i = 0; i < batch.count(); i++) {
                    PacketView view = new PacketView();
                    DecodeResult r = decoder.decode(batch.linkType(i), batch.data(), batch.frameOffset(i),
                            batch.capturedLength(i), batch.wireLength(i), batch.timestampNanos(i), view);
                    frames.add(new Ours(r, view));
                }
            }
        }
        return frames;
    }

    private static void compare(String where, Tshark.Frame t, Ours ours) throws Exception {
        PacketView v = ours.view();
        String epoch = t.get("frame.time_epoch");
        if (epoch.matches("\\d+\\.\\d{1,9}")) { // tshark prints an out-of-range fraction verbatim: nothing to compare
            assertThat(BigDecimal.valueOf(v.timestampNanos(), 9).compareTo(new BigDecimal(epoch))).as(where + " time").isZero();
        }
        boolean tsharkIp = t.has("ip.dst") || t.has("ipv6.dst");
        if (!tsharkIp && t.has("ip.src") && ours.result() == DecodeResult.IP && v.transportCaptured() == 0) {
            return; // an IPv4 header cut inside its options: see the class comment
        }
        if (!tsharkIp) {
            assertThat(ours.result()).as(where + ": tshark sees no IP destination").isNotEqualTo(DecodeResult.IP);
            return;
        }
        assertThat(ours.result()).as(where + ": tshark sees IP").isEqualTo(DecodeResult.IP);
        if (t.has("ip.dst") && (!t.has("ipv6.dst") || v.isIpv4())) {
            assertThat(v.ipVersion()).as(where + " version").isEqualTo(4);
            assertThat(ipv4(v.src4())).as(where + " src").isEqualTo(t.get("ip.src"));
            assertThat(ipv4(v.dst4())).as(where + " dst").isEqualTo(t.get("ip.dst"));
            assertThat(v.ipId()).as(where + " ip.id").isEqualTo(Integer.decode(t.get("ip.id")));
            assertThat(v.ttl()).as(where + " ttl").isEqualTo(Integer.parseInt(t.get("ip.ttl")));
            assertThat(v.protocol()).as(where + " protocol").isEqualTo(Integer.parseInt(t.get("ip.proto")));
            assertThat(v.fragmentOffset() / 8).as(where + " fragment offset (8-byte units)")
                    .isEqualTo(Integer.parseInt(t.get("ip.frag_offset")));
        } else {
            assertThat(v.ipVersion()).as(where + " version").isEqualTo(6);
            assertThat(ipv6(v.srcHi(), v.srcLo())).as(where + " src").isEqualTo(InetAddress.getByName(t.get("ipv6.src")));
            assertThat(ipv6(v.dstHi(), v.dstLo())).as(where + " dst").isEqualTo(InetAddress.getByName(t.get("ipv6.dst")));
        }
        compareTransport(where, t, v);
    }

    private static void compareTransport(String where, Tshark.Frame t, PacketView v) {
        boolean tunnel = v.protocol() == IpProtocol.IPV6_IN_IP || v.protocol() == IpProtocol.GRE || v.protocol() == 4;
        String proto = v.protocol() == IpProtocol.TCP ? "tcp" : v.protocol() == IpProtocol.UDP ? "udp" : null;
        if (tunnel) {
            assertThat(v.dstPort()).as(where + ": a tunnel has no ports of its own").isEqualTo(-1);
            return;
        }
        if (v.dstPort() >= 0) {
            assertThat(proto).as(where + " protocol with ports").isNotNull();
            assertThat(t.has(proto + ".dstport")).as(where + ": tshark shows no " + proto + " ports").isTrue();
            assertThat(v.srcPort()).as(where + " src port").isEqualTo(Integer.parseInt(t.get(proto + ".srcport")));
            assertThat(v.dstPort()).as(where + " dst port").isEqualTo(Integer.parseInt(t.get(proto + ".dstport")));
        } else {
            assertThat(t.has("tcp.dstport") || t.has("udp.dstport"))
                    .as(where + ": tshark shows ports darkscope did not find").isFalse();
        }
        if (v.protocol() == IpProtocol.TCP && v.transportCaptured() >= 20) {
            assertThat(Integer.toUnsignedLong(v.tcpSeq())).as(where + " seq").isEqualTo(Long.parseLong(t.get("tcp.seq_raw")));
            assertThat(v.tcpFlags()).as(where + " flags").isEqualTo(Integer.decode(t.get("tcp.flags")) & 0x1ff);
            assertThat(v.tcpWindow()).as(where + " window").isEqualTo(Integer.parseInt(t.get("tcp.window_size_value")));
        }
        String icmp = v.protocol() == IpProtocol.ICMP ? "icmp" : v.protocol() == IpProtocol.ICMPV6 ? "icmpv6" : null;
        if (icmp != null && v.icmpCode() >= 0 && t.has(icmp + ".type")) {
            assertThat(v.icmpType()).as(where + " icmp type").isEqualTo(Integer.parseInt(t.get(icmp + ".type")));
            assertThat(v.icmpCode()).as(where + " icmp code").isEqualTo(Integer.parseInt(t.get(icmp + ".code")));
        }
    }

    private static String ipv4(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }

    private static InetAddress ipv6(long high, long low) throws Exception {
        return InetAddress.getByAddress(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
    }
}
