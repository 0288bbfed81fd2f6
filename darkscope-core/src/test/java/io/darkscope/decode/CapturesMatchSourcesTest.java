package io.darkscope.decode;

import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.capture.FrameBatch;
import io.darkscope.testing.TestCaptures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summaries in pcaps/SOURCES.md were made with TShark 4.0: packets, transport mix and top
 * destination ports of each capture. Checked on every build, tshark installed or not.
 * Where darkscope differs by design the expectation is overridden below, with the reason.
 */
class CapturesMatchSourcesTest {
    private static final Map<String, Map<String, Long>> BY_DESIGN = Map.of(
            // darkscope counts a tunnel as its outer packet (IPv6 in IPv4); the summary counted the inner UDP
            "zeek_zeek__6in4.pcap", Map.of("ip-other/frag", 1L),
            // segment routing carries IPv6 in IPv6: the outer packet's protocol is 41, not the inner ICMPv6
            "the-tcpdump-group_tcpdump__ipv6-srh-ext-header.pcap", Map.of("ip-other/frag", 1L),
            // the summary reassembled fragments; frame by frame (as DecoderAgreesWithTsharkTest reads it,
            // reassembly off), frames 1 and 3 are first fragments carrying the UDP header, frame 2 a later one
            "zeek_zeek__fragmented-1.pcap", Map.of("udp", 2L, "ip-other/frag", 1L));

    private static final Pattern SECTION = Pattern.compile("^### (\\S+)$", Pattern.MULTILINE);
    private static final Pattern PACKETS = Pattern.compile("- packets: (\\d+);");
    private static final Pattern MIX = Pattern.compile("transport mix: \\{([^}]*)}");
    private static final Pattern PORTS = Pattern.compile("- top dst ports: (.*)");
    private static final Pattern MIX_ENTRY = Pattern.compile("'([^']+)': (\\d+)");
    private static final Pattern PORT_ENTRY = Pattern.compile("(\\w+)/(\\d+) \\((\\d+)\\)");

    static List<String> captures() {
        return TestCaptures.names();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void packetsTransportMixAndPortsMatchTheTsharkSummary(String name) throws IOException {
        String summary = section(name);
        Tally ours = tally(TestCaptures.get(name));

        Matcher packets = PACKETS.matcher(summary);
        assertThat(packets.find()).isTrue();
        assertThat(ours.packets).as(name + " packets").isEqualTo(Long.parseLong(packets.group(1)));

        Map<String, Long> mix = new TreeMap<>();
        Matcher m = MIX.matcher(summary);
        if (m.find()) {
            Matcher e = MIX_ENTRY.matcher(m.group(1));
            while (e.find()) {
                mix.put(e.group(1), Long.parseLong(e.group(2)));
            }
        }
        assertThat(ours.mix).as(name + " transport mix").isEqualTo(BY_DESIGN.getOrDefault(name, mix));

        Matcher ports = PORTS.matcher(summary);
        assertThat(ports.find()).isTrue();
        Matcher p = PORT_ENTRY.matcher(ports.group(1));
        while (p.find() && !BY_DESIGN.containsKey(name)) {
            String port = p.group(1) + "/" + p.group(2);
            assertThat(ours.ports.getOrDefault(port, 0L)).as(name + " packets to " + port).isEqualTo(Long.parseLong(p.group(3)));
        }
    }

    private static String section(String name) throws IOException {
        String sources = Files.readString(TestCaptures.get("SOURCES.md"));
        Matcher m = SECTION.matcher(sources);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                int end = sources.indexOf("\n### ", m.end());
                return sources.substring(m.end(), end < 0 ? sources.length() : end);
            }
        }
        throw new AssertionError(name + " is not described in SOURCES.md");
    }

    private static final class Tally {
        long packets;
        final Map<String, Long> mix = new TreeMap<>();
        final Map<String, Long> ports = new HashMap<>();
    }

    private static Tally tally(Path file) throws IOException {
        Tally t = new Tally();
        PacketDecoder decoder = new PacketDecoder();
        PacketView v = new PacketView();
        try (CaptureReader reader = Captures.open(file)) {
            FrameBatch batch = new FrameBatch();
            while (reader.next(batch)) {
                for (int i = 0; i < batch.count(); i++) {
                    t.packets++;
                    DecodeResult r = decoder.decode(batch.linkType(i), batch.data(), batch.frameOffset(i),
                            batch.capturedLength(i), batch.wireLength(i), batch.timestampNanos(i), v);
                    String kind = r != DecodeResult.IP ? "non-ip" : kind(v);
                    t.mix.merge(kind, 1L, Long::sum);
                    if (v.dstPort() >= 0 && r == DecodeResult.IP) {
                        t.ports.merge(kind + "/" + v.dstPort(), 1L, Long::sum);
                    }
                }
            }
        }
        return t;
    }

    /** The summary's classes: a transport with its header, ICMP, else "ip-other/frag". */
    private static String kind(PacketView v) {
        switch (v.protocol()) {
            case IpProtocol.TCP: return v.dstPort() >= 0 ? "tcp" : "ip-other/frag";
            case IpProtocol.UDP: return v.dstPort() >= 0 ? "udp" : "ip-other/frag";
            case IpProtocol.ICMP: return v.isLaterFragment() ? "ip-other/frag" : "icmp";
            case IpProtocol.ICMPV6: return v.isLaterFragment() ? "ip-other/frag" : "icmpv6";
            default: return "ip-other/frag";
        }
    }
}
