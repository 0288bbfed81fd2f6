package io.darkscope.sim;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.darknet.Prefix;
import io.darkscope.decode.DecodeResult;
import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.LinkType;
import io.darkscope.decode.PacketDecoder;
import io.darkscope.decode.PacketView;
import io.darkscope.decode.TcpFlags;
import io.darkscope.sim.model.PortChoice;
import io.darkscope.sim.model.Probe;
import io.darkscope.sim.model.Source;
import io.darkscope.sim.model.ToolModel;
import io.darkscope.sim.model.ToolModels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each tool model, field by field, against the rules of the real tool (see each model's
 * documentation for its source). Frames are read back with darkscope's decoder and raw bytes.
 */
class ToolModelsTest {
    private static final int DARKNET = 0x2D400000; // 45.64.0.0

    /** A crafted packet, decoded, with the frame and what the model said about it. */
    record Sent(PacketView view, byte[] frame, int destination, Probe probe) {
        int ipByte(int offset) {
            return frame[14 + offset] & 0xff;
        }

        byte[] tcpOptions() {
            int ihl = (frame[14] & 0x0f) * 4;
            return Arrays.copyOfRange(frame, 14 + ihl + 20, 14 + ihl + view.tcpHeaderLength());
        }
    }

    private static PortChoice ports(String... specs) {
        int[] ports = new int[specs.length];
        int[] protocols = new int[specs.length];
        double[] weights = new double[specs.length];
        for (int i = 0; i < specs.length; i++) {
            String[] p = specs[i].split("/");
            ports[i] = p.length == 1 ? -1 : Integer.parseInt(p[0]);
            protocols[i] = IpProtocol.parse(p[p.length - 1]);
            weights[i] = 1;
        }
        return new PortChoice(ports, protocols, weights);
    }

    private static List<Sent> probes(ToolModel model, Source source, PortChoice ports, int n) {
        SplittableRandom random = new SplittableRandom(99);
        model.start(source, random, ports);
        FrameBuilder frame = new FrameBuilder();
        PacketDecoder decoder = new PacketDecoder();
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int destination = DARKNET | random.nextInt(1 << 18);
            Probe probe = new Probe();
            frame.reset();
            if (model.ipv6()) {
                frame.ipv6(source.ipv6High, source.ipv6Low, 0x20010db800010000L, random.nextLong());
            } else {
                frame.ipv4(source.address, destination);
            }
            model.probe(source, destination, random, ports, frame, probe);
            byte[] bytes = frame.build();
            PacketView view = new PacketView();
            assertThat(decoder.decode(LinkType.ETHERNET, bytes, 0, bytes.length, bytes.length, 0, view)).isEqualTo(DecodeResult.IP);
            assertThat(view.protocol()).as("the truth's protocol").isEqualTo(probe.protocol);
            assertThat(view.dstPort()).as("the truth's port").isEqualTo(probe.dstPort);
            sent.add(new Sent(view, bytes, destination, probe));
        }
        return sent;
    }

    private static Source source() {
        Source s = new Source();
        s.address = 0xBA0A0A0A; // 186.10.10.10
        s.country = "BR";
        return s;
    }

    @Test
    void leakedMiraiFollowsScannerC() {
        Source bot = source();
        List<Sent> sent = probes(ToolModels.byName("mirai"), bot, ports("23/tcp", "2323/tcp"), 1600);
        Set<Integer> ipIds = new HashSet<>();
        int to2323 = 0;
        for (int i = 0; i < sent.size(); i++) {
            PacketView v = sent.get(i).view();
            assertThat(v.ipLength()).isEqualTo(40);
            assertThat(v.tcpHeaderLength()).isEqualTo(20);
            assertThat(v.ttl()).isEqualTo(64);
            assertThat(v.tcpFlags()).isEqualTo(TcpFlags.SYN);
            assertThat(v.tcpSeq()).as("sequence number = destination").isEqualTo(sent.get(i).destination());
            assertThat(v.srcPort()).isEqualTo(bot.sourcePort).isGreaterThanOrEqualTo(1024);
            assertThat(v.tcpWindow()).isEqualTo(bot.window);
            ipIds.add(v.ipId());
            if (v.dstPort() == 2323) {
                to2323++;
            } else {
                assertThat(v.dstPort()).isEqualTo(23);
            }
        }
        assertThat(to2323).as("every tenth probe of each batch, exactly").isEqualTo(160);
        assertThat(ipIds.size()).as("a fresh IP ID for every packet").isGreaterThan(1500);
    }

    @Test
    void miraiSends2323ByACounterNotACoin() {
        Source bot = source();
        List<Sent> sent = probes(ToolModels.byName("mirai"), bot, ports("23/tcp", "2323/tcp"), 400);
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).view().dstPort() == 2323) {
                positions.add(i);
            }
        }
        assertThat(positions).hasSize(40);
        for (int i = 1; i < positions.size(); i++) {
            assertThat(positions.get(i) - positions.get(i - 1)).as("batches of 160 keep the step of 10").isEqualTo(10);
        }
    }

    @Test
    void theEarlyMiraiVariantKeepsOneIpIdAndMayScan23Only() {
        Source bot = source();
        List<Sent> sent = probes(ToolModels.byName("mirai-early"), bot, ports("23/tcp"), 300);
        assertThat(sent).extracting(s -> s.view().ipId()).containsOnly(bot.ipId);
        assertThat(sent).extracting(s -> s.view().dstPort()).containsOnly(23);
        assertThat(sent).allSatisfy(s -> assertThat(s.view().tcpSeq()).isEqualTo(s.destination()));
    }

    @Test
    void miraiNeverTargetsTheRangesGetRandomIpSkips() {
        ToolModel mirai = ToolModels.byName("mirai");
        for (String skipped : List.of("0.1.2.3", "3.3.3.3", "6.0.0.1", "7.1.1.1", "10.0.0.1", "11.2.3.4", "15.1.1.1", "16.1.1.1",
                "21.0.0.1", "22.0.0.1", "26.1.1.1", "28.1.1.1", "29.1.1.1", "30.1.1.1", "33.1.1.1", "55.1.1.1", "56.1.1.1",
                "127.0.0.1", "214.1.1.1", "215.1.1.1", "100.64.0.1", "100.126.255.255", "169.255.1.1", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "198.18.0.1", "198.19.255.255", "224.0.0.1", "255.255.255.255")) {
            assertThat(mirai.targets(ip(skipped))).as(skipped).isFalse();
        }
        for (String allowed : List.of("1.1.1.1", "100.63.255.255", "100.127.0.1", "169.254.1.1", "172.15.0.1", "172.32.0.1",
                "198.17.0.1", "198.20.0.1", "223.255.255.255", "45.64.0.1")) {
            assertThat(mirai.targets(ip(allowed))).as(allowed).isTrue();
        }
        DayGenerator.Destinations destinations = new DayGenerator.Destinations(
                List.of(Prefix.parse("10.1.0.0/16"), Prefix.parse("45.64.0.0/16")), mirai);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(destinations.pick(random) >>> 16).isEqualTo(0x2D40);
        }
    }

    private static int ip(String dotted) {
        String[] p = dotted.split("\\.");
        return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16) | (Integer.parseInt(p[2]) << 8) | Integer.parseInt(p[3]);
    }

    @Test
    void zmapUpTo2HasIpId54321AndOnePortPerScan() {
        Source scanner = source();
        List<Sent> sent = probes(ToolModels.byName("zmap"), scanner, ports("80/tcp", "443/tcp", "22/tcp"), 500);
        assertThat(sent).allSatisfy(s -> {
            PacketView v = s.view();
            assertThat(v.ipId()).isEqualTo(54321);
            assertThat(v.ttl()).isEqualTo(255);
            assertThat(v.tcpWindow()).isEqualTo(65535);
            assertThat(v.tcpHeaderLength()).isEqualTo(20);
            assertThat(v.srcPort()).isBetween(32768, 61000);
            assertThat(v.dstPort()).isEqualTo(scanner.port);
        });
    }

    @Test
    void zmap41RandomisesTheIpIdAndAddsStackLikeOptions() {
        List<Sent> sent = probes(ToolModels.byName("zmap-4.1"), source(), ports("443/tcp"), 300);
        assertThat(sent).extracting(s -> s.view().ipId()).doesNotContain(54321).hasSizeGreaterThan(250);
        assertThat(new HashSet<>(sent.stream().map(s -> s.view().ipId()).toList())).hasSizeGreaterThan(250);
        assertThat(sent).allSatisfy(s -> {
            assertThat(s.view().ttl()).isEqualTo(64);
            assertThat(s.tcpOptions()).containsExactly(2, 4, 0x05, 0xb4, 1, 3, 3, 8, 1, 1, 4, 2);
        });
    }

    @Test
    void masscanDerivesItsIpIdFromDestinationPortAndSequence() {
        Source scanner = source();
        List<Sent> sent = probes(ToolModels.byName("masscan"), scanner, ports("80/tcp", "8080/tcp", "3389/tcp"), 500);
        assertThat(sent).allSatisfy(s -> {
            PacketView v = s.view();
            assertThat(v.ipId()).isEqualTo((s.destination() ^ v.dstPort() ^ v.tcpSeq()) & 0xffff);
            assertThat(v.tcpWindow()).isEqualTo(1024);
            assertThat(v.ttl()).isEqualTo(255);
            assertThat(v.tcpHeaderLength()).isEqualTo(20);
            assertThat(v.srcPort()).isEqualTo(scanner.sourcePort);
        });
        assertThat(sent).extracting(s -> s.view().dstPort()).contains(80, 8080, 3389);
    }

    @Test
    void theTr069WormConnectsThroughALinuxStack() {
        List<Sent> sent = probes(ToolModels.byName("tr069"), source(), ports("7547/tcp", "5555/tcp"), 200);
        assertThat(sent).allSatisfy(s -> {
            assertThat(s.view().ttl()).isEqualTo(64);
            assertThat(s.ipByte(6) & 0x40).as("don't fragment").isEqualTo(0x40);
            assertThat(s.view().tcpWindow()).isEqualTo(29200);
            byte[] o = s.tcpOptions();
            assertThat(o).hasSize(20);
            assertThat(Arrays.copyOfRange(o, 0, 8)).containsExactly(2, 4, 0x05, 0xb4, 4, 2, 8, 10);
            assertThat(Arrays.copyOfRange(o, 16, 20)).containsExactly(1, 3, 3, 7);
        });
        assertThat(sent).extracting(s -> s.view().dstPort()).containsOnly(7547, 5555).contains(7547, 5555);
    }

    @Test
    void windowsStackScannersCountTheirIpIdUp() {
        List<Sent> sent = probes(ToolModels.byName("windows"), source(), ports("445/tcp"), 50);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i).view().ipId()).isEqualTo((sent.get(i - 1).view().ipId() + 1) & 0xffff);
        }
        assertThat(sent).allSatisfy(s -> assertThat(s.view().ttl()).isEqualTo(128));
    }

    @Test
    void backscatterComesFromTheVictimsServicePortOrQuotesTheAttack() {
        Source victim = source();
        List<Sent> sent = probes(ToolModels.byName("backscatter"), victim, ports("80/tcp"), 2000);
        int synAcks = 0;
        int resets = 0;
        int icmp = 0;
        for (Sent s : sent) {
            PacketView v = s.view();
            if (v.protocol() == IpProtocol.TCP) {
                assertThat(v.srcPort()).isEqualTo(80);
                assertThat(v.tcpFlags()).isIn(TcpFlags.SYN | TcpFlags.ACK, TcpFlags.RST | TcpFlags.ACK);
                if (v.tcpFlags() == (TcpFlags.SYN | TcpFlags.ACK)) {
                    synAcks++;
                } else {
                    resets++;
                }
            } else {
                icmp++;
                assertThat(v.icmpType()).isIn(3, 11);
                int quote = 14 + 20 + 8;
                int quotedSource = java.nio.ByteBuffer.wrap(s.frame(), quote + 12, 4).getInt();
                int quotedDestination = java.nio.ByteBuffer.wrap(s.frame(), quote + 16, 4).getInt();
                assertThat(quotedSource).as("the attack spoofed the darknet address").isEqualTo(s.destination());
                assertThat(quotedDestination).as("and went to the victim").isEqualTo(victim.address);
            }
        }
        assertThat(synAcks).isGreaterThan(resets).isGreaterThan(icmp).isPositive();
        assertThat(icmp).isPositive();
    }

    @Test
    void netisProbesAreUdpTo53413AndFragmentsAlternateFirstAndLater() {
        assertThat(probes(ToolModels.byName("netis"), source(), ports("53413/udp"), 20))
                .allSatisfy(s -> assertThat(s.view().dstPort()).isEqualTo(53413));
        List<Sent> fragments = probes(ToolModels.byName("fragments"), source(), ports("53/udp"), 10);
        for (int i = 0; i < fragments.size(); i++) {
            PacketView v = fragments.get(i).view();
            assertThat(v.isLaterFragment()).isEqualTo(i % 2 == 1);
            assertThat(v.dstPort()).isEqualTo(i % 2 == 0 ? 53 : -1);
        }
    }

    @Test
    void ipv6ScannersSendIcmpv6OrTcpOverIpv6AndGreHasNoPorts() {
        Source s = source();
        s.ipv6 = true;
        s.ipv6High = 0x2a0b4d0700000001L;
        s.ipv6Low = 7;
        assertThat(probes(ToolModels.byName("ipv6-scan"), s, ports("icmpv6", "22/tcp"), 100))
                .allSatisfy(p -> assertThat(p.view().ipVersion()).isEqualTo(6))
                .extracting(p -> p.view().protocol()).contains(IpProtocol.ICMPV6, IpProtocol.TCP);
        assertThat(probes(ToolModels.byName("gre"), source(), ports("gre"), 5))
                .allSatisfy(p -> assertThat(p.view().protocol()).isEqualTo(IpProtocol.GRE));
    }

    @Test
    void victimsAttackedOnSeveralPortsReplyFromEachOfThemOnly() {
        ToolModel twoPorts = ((io.darkscope.sim.model.Backscatter) ToolModels.byName("backscatter")).withPortsPerVictim(new double[] {0, 1});
        Source victim = source();
        List<Sent> sent = probes(twoPorts, victim, ports("80/tcp", "443/tcp", "25/tcp", "53/tcp"), 2000);
        Set<Integer> services = new HashSet<>();
        for (Sent s : sent) {
            if (s.view().protocol() == IpProtocol.TCP) {
                services.add(s.view().srcPort());
            } else {
                services.add(java.nio.ByteBuffer.wrap(s.frame(), 14 + 20 + 8 + 22, 2).getShort() & 0xffff);
            }
        }
        assertThat(services).as("two services of the four, the same in replies and quoted attack packets").hasSize(2)
                .isSubsetOf(80, 443, 25, 53).contains(victim.port);
        assertThat(probes(ToolModels.byName("backscatter"), source(), ports("80/tcp", "443/tcp"), 200))
                .extracting(s -> s.view().protocol() == IpProtocol.TCP ? s.view().srcPort() : -1).filteredOn(p -> p >= 0)
                .as("one service by default").containsOnly(80).hasSizeGreaterThan(100);
    }

    @Test
    void resumedSourcesContinueWhereTheyLeftOff() {
        for (String tool : List.of("mirai", "windows", "linux", "udp", "fragments", "backscatter", "gre")) {
            PortChoice choice = ports("23/tcp", "2323/tcp");
            List<Sent> all = probes(ToolModels.byName(tool), source(), choice, 30);
            Source again = source();
            ToolModel model = ToolModels.byName(tool);
            model.start(again, new SplittableRandom(99), choice);
            Source fresh = source();
            model.start(fresh, new SplittableRandom(99), choice);
            model.resume(fresh, 20);
            for (int i = 0; i < 20; i++) {
                model.probe(again, DARKNET, new SplittableRandom(i), choice, new FrameBuilder().ipv4(again.address, DARKNET), new Probe());
            }
            assertThat(fresh.counter % 2).as(tool + " counter parity").isEqualTo(again.counter % 2);
            assertThat(fresh.sourcePort).as(tool + " source port").isEqualTo(again.sourcePort);
            assertThat(fresh.ipId).as(tool + " IP ID").isEqualTo(again.ipId);
            if (tool.equals("mirai")) {
                assertThat(fresh.counter).as("Mirai's place in its batch").isEqualTo(again.counter);
            }
            assertThat(all).hasSize(30);
        }
    }

    @Test
    void synSignaturesAreThoseOfTheRealStacksAndTools() {
        // the published fields: Linux 3.x+ tcp_output.c, Windows 7+, ZMap packet.c (up to 4.0) and 4.1, masscan templ-pkt.c, Mirai scanner.c
        record Expected(String tool, int ttl, Integer window, Integer mss, Integer scale, List<Integer> kinds, boolean df) { }
        List<Expected> expected = List.of(
                new Expected("linux", 64, 29200, 1460, 7, List.of(2, 4, 8, 1, 3), true),
                new Expected("ssh", 64, 29200, 1460, 7, List.of(2, 4, 8, 1, 3), true),
                new Expected("tr069", 64, 29200, 1460, 7, List.of(2, 4, 8, 1, 3), true),
                new Expected("windows", 128, 8192, 1460, 8, List.of(2, 1, 3, 1, 1, 4), true),
                new Expected("zmap", 255, 65535, null, null, List.of(), false),
                new Expected("zmap-4.1", 64, 65535, 1460, 8, List.of(2, 1, 3, 1, 1, 4), false),
                new Expected("masscan", 255, 1024, null, null, List.of(), false),
                new Expected("mirai", 64, null, null, null, List.of(), false),
                new Expected("mirai-early", 64, null, null, null, List.of(), false));
        for (Expected e : expected) {
            io.darkscope.sim.model.SynSignature sig = ToolModels.byName(e.tool()).synSignature();
            assertThat(sig).as(e.tool()).isEqualTo(new io.darkscope.sim.model.SynSignature(e.ttl(), e.window(), e.mss(), e.scale(),
                    e.kinds(), e.df(), sig.ipId()));
            for (Sent s : probes(ToolModels.byName(e.tool()), source(), ports("80/tcp"), 20)) {
                assertThat(s.view().ttl()).as(e.tool() + " TTL on the wire").isEqualTo(e.ttl());
                if (e.window() != null) {
                    assertThat(s.view().tcpWindow()).as(e.tool() + " window on the wire").isEqualTo(e.window());
                }
                assertThat(optionKinds(s.tcpOptions())).as(e.tool() + " options on the wire").isEqualTo(e.kinds());
                assertThat((s.ipByte(6) & 0x40) != 0).as(e.tool() + " DF").isEqualTo(e.df());
            }
        }
        assertThat(ToolModels.byName("udp").synSignature()).isNull();
        assertThat(ToolModels.byName("backscatter").synSignature()).isNull();
    }

    private static List<Integer> optionKinds(byte[] options) {
        List<Integer> kinds = new ArrayList<>();
        for (int i = 0; i < options.length && options[i] != 0; ) {
            kinds.add(options[i] & 0xff);
            i += options[i] == 1 ? 1 : options[i + 1] & 0xff;
        }
        return kinds;
    }

    @Test
    void spoofedPacketsAreOfTheKindTheirSourceSends() {
        io.darkscope.sim.model.SpoofKind[] kinds = io.darkscope.sim.model.SpoofKind.values();
        for (io.darkscope.sim.model.SpoofKind kind : kinds) {
            double[] only = new double[kinds.length];
            only[kind.ordinal()] = 1;
            ToolModel model = ((io.darkscope.sim.model.SpoofedPackets) ToolModels.byName("spoofed")).withKinds(only);
            Source s = source();
            List<Sent> sent = probes(model, s, ports("80/tcp"), 60);
            assertThat(sent).as(kind.label()).allSatisfy(p -> {
                byte[] f = p.frame();
                int src = java.nio.ByteBuffer.wrap(f, 26, 4).getInt();
                int dst = java.nio.ByteBuffer.wrap(f, 30, 4).getInt();
                int flags = f[14 + 20 + 13] & 0x3f;
                switch (kind) {
                    case SOURCE_NET_OR_BROADCAST -> assertThat(src & 0xff).isIn(0, 255);
                    case SOURCE_EQUALS_DESTINATION -> {
                        assertThat(src).isEqualTo(dst).isEqualTo(p.destination());
                        assertThat(p.probe().sourceIsDestination).isTrue();
                    }
                    case PORT_ZERO -> assertThat(p.view().srcPort() == 0 || p.view().dstPort() == 0).isTrue();
                    case HIGH_TTL -> {
                        assertThat(p.view().ttl()).isBetween(200, 255);
                        assertThat(p.view().ipId()).isNotEqualTo((dst ^ p.view().dstPort() ^ p.view().tcpSeq()) & 0xffff);
                    }
                    case ALL_FLAGS -> assertThat(flags).isEqualTo(0x3f);
                    case SYN_FIN -> assertThat(flags).isEqualTo(0x03);
                    case SYN_RST -> assertThat(flags).isEqualTo(0x06);
                    case NO_FLAGS -> assertThat(flags).isZero();
                    case LATER_FRAGMENT -> assertThat(p.view().isLaterFragment()).isTrue();
                    default -> throw new AssertionError(kind);
                }
            });
        }
    }
}
