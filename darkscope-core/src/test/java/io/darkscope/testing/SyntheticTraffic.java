package io.darkscope.testing;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.capture.PcapWriter;
import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.LinkType;
import io.darkscope.decode.TcpFlags;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random but reproducible darknet traffic with its ground truth: every packet is generated
 * from logical fields (addresses, protocol, port), then crafted into a frame. Tests compare
 * what darkscope computes from the frames with what follows from the fields.
 */
public final class SyntheticTraffic {
    /** The darknet of the synthetic traffic. */
    public static final String DARKNET = "198.51.100.0/24\n2001:db8:1::/48\n";
    private static final int DARKNET_V4 = 0xC6336400;
    private static final int OUTSIDE_V4 = 0xC0000200; // 192.0.2.0/24
    private static final long DARKNET_V6_HIGH = 0x20010db800010000L;
    private static final int[] PORTS = {23, 2323, 22, 445, 80, 53413};

    private SyntheticTraffic() {
    }

    /** One packet and the truth about it; {@code dstPort} is -1 where the packet has none. */
    public record Packet(long nanos, boolean ipv6, int src4, long srcHi, long srcLo, int protocol, int dstPort,
                         int ipLength, boolean darknet, byte[] frame) {
        /** The source as one comparable value (IPv4 in the low 32 bits; IPv6 hashed apart by a tag). */
        public String source() {
            return ipv6 ? srcHi + ":" + srcLo : Integer.toUnsignedString(src4);
        }

        public long epochSecond() {
            return Math.floorDiv(nanos, 1_000_000_000L);
        }
    }

    /**
     * @param sources    size of the source pool (smaller means more repeats)
     * @param fromSecond first second of the traffic
     * @param seconds    span of the traffic
     */
    public static List<Packet> generate(long seed, int count, int sources, long fromSecond, long seconds) {
        SplittableRandom random = new SplittableRandom(seed);
        FrameBuilder f = new FrameBuilder();
        List<Packet> packets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int s = random.nextInt(sources);
            boolean ipv6 = random.nextInt(20) == 0;
            boolean darknet = random.nextInt(10) != 0;
            int src4 = 0x0B000000 + s * 7919; // spread over many /16s
            long srcHi = 0x2400cb0000000000L | s;
            long srcLo = s * 0x9E3779B97F4A7C15L;
            long nanos = (fromSecond + random.nextLong(seconds)) * 1_000_000_000L + random.nextInt(1_000_000_000);
            f.reset().ttl(64).ipId(random.nextInt(65536));
            if (ipv6) {
                f.ipv6(srcHi, srcLo, darknet ? DARKNET_V6_HIGH : 0x20010db8ffff0000L, random.nextLong());
            } else {
                f.ipv4(src4, (darknet ? DARKNET_V4 : OUTSIDE_V4) | random.nextInt(256));
            }
            int kind = random.nextInt(100);
            int protocol;
            int port = -1;
            if (kind < 55) {
                protocol = IpProtocol.TCP;
                port = random.nextInt(8) == 0 ? random.nextInt(65536) : PORTS[random.nextInt(PORTS.length)];
                f.tcp(1024 + s % 50_000, port, random.nextInt(), 0, TcpFlags.SYN, 1024);
            } else if (kind < 75) {
                protocol = IpProtocol.UDP;
                port = PORTS[random.nextInt(PORTS.length)];
                f.udp(random.nextInt(65536), port).payload(new byte[random.nextInt(40)]);
            } else if (kind < 88) {
                protocol = ipv6 ? IpProtocol.ICMPV6 : IpProtocol.ICMP;
                f.icmp(ipv6 ? 128 : 8, 0);
            } else if (kind < 94 || ipv6) {
                protocol = IpProtocol.GRE;
                f.protocol(IpProtocol.GRE).payload(new byte[8]);
            } else {
                protocol = IpProtocol.TCP; // a later fragment: no port
                f.protocol(IpProtocol.TCP).fragment(8 * (1 + random.nextInt(100)), random.nextBoolean()).payload(new byte[16]);
            }
            byte[] frame = f.build();
            packets.add(new Packet(nanos, ipv6, src4, srcHi, srcLo, protocol, port, frame.length - 14, darknet, frame));
        }
        return packets;
    }

    /** Writes packets, in the given order, as an Ethernet pcap. */
    public static void writePcap(Path file, List<Packet> packets) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); PcapWriter w = new PcapWriter(out, LinkType.ETHERNET, true)) {
            for (Packet p : packets) {
                w.write(p.nanos(), p.frame(), 0, p.frame().length, p.frame().length);
            }
        }
    }
}
