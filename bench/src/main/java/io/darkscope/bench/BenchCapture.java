package io.darkscope.bench;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.capture.PcapWriter;
import io.darkscope.decode.LinkType;
import io.darkscope.decode.TcpFlags;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes the ingest benchmark's inputs: Ethernet pcaps of one day of scans to a /16 darknet
 * (100.64.0.0/16, out of real space) from a fixed pool of public sources drawn uniformly.
 * <ul>
 *   <li>{@code easy}: 90% TCP SYNs (a tenth to random ports, the rest to 16 common ones, the Telnet
 *       ones Mirai's), 8% UDP to 7 ports, 2% ICMP echo;</li>
 *   <li>{@code outbreak}: Mirai's peak day: 90% TCP SYNs with sequence number = destination to
 *       {23 x6, 2323, 22, 445, 80, 3389, 7547, 5555, 8080, 1433, 443}, so each source hits several
 *       ports, 8% UDP to 53413, 2% ICMP echo.</li>
 * </ul>
 *
 * <p>Usage: {@code BenchCapture OUT.pcap [packets=20000000] [sources=2000000] [easy|outbreak]}
 */
public final class BenchCapture {
    private static final int DARKNET = 0x64400000; // 100.64.0.0/16
    private static final int[] TCP_PORTS = {23, 23, 23, 23, 23, 2323, 445, 22, 80, 8080, 3389, 5358, 6789, 7547, 5555, 1433};
    private static final int[] UDP_PORTS = {53413, 5060, 123, 1900, 53, 161, 137};
    private static final int[] OUTBREAK_TCP_PORTS = {23, 23, 23, 23, 23, 23, 2323, 22, 445, 80, 3389, 7547, 5555, 8080, 1433, 443};

    private BenchCapture() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long packets = args.length > 1 ? Long.parseLong(args[1]) : 20_000_000L;
        int sources = args.length > 2 ? Integer.parseInt(args[2]) : 2_000_000;
        boolean outbreak = args.length > 3 && args[3].equals("outbreak");
        SplittableRandom random = new SplittableRandom(20161127);
        int[] pool = new int[sources];
        for (int i = 0; i < sources; i++) {
            pool[i] = publicAddress(random);
        }
        FrameBuilder frame = new FrameBuilder();
        byte[] buffer = new byte[128];
        long start = 1_474_329_600L; // 2016-09-20T00:00:00Z
        try (OutputStream file = Files.newOutputStream(out);
             PcapWriter pcap = new PcapWriter(file, LinkType.ETHERNET, false)) {
            for (long i = 0; i < packets; i++) {
                int src = pool[random.nextInt(sources)];
                int dst = DARKNET | random.nextInt(65_536);
                int kind = random.nextInt(100);
                frame.reset().ipv4(src, dst).ttl(64).ipId(random.nextInt(65_536));
                if (kind < 90) {
                    int port = outbreak ? OUTBREAK_TCP_PORTS[random.nextInt(OUTBREAK_TCP_PORTS.length)]
                            : random.nextInt(10) == 0 ? 1 + random.nextInt(65_535) : TCP_PORTS[random.nextInt(TCP_PORTS.length)];
                    frame.tcp(1024 + (src & 0x7fff), port, dst, 0, TcpFlags.SYN, 14_600);
                } else if (kind < 98) {
                    frame.udp(1024 + (src & 0x7fff), outbreak ? 53413 : UDP_PORTS[random.nextInt(UDP_PORTS.length)]);
                } else {
                    frame.icmp(8, 0);
                }
                int length = frame.build(buffer);
                long nanos = (start + i * 86_400L / packets) * 1_000_000_000L + random.nextInt(1_000_000_000);
                pcap.write(nanos, buffer, 0, length, length);
            }
        }
    }

    private static int publicAddress(SplittableRandom random) {
        while (true) {
            int a = random.nextInt();
            int first = a >>> 24;
            if (first != 0 && first != 10 && first != 100 && first != 127 && first < 224 && first != 172 && first != 192) {
                return a;
            }
        }
    }
}
