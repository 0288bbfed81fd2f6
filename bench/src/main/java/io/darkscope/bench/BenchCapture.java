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
 * Writes the ingest benchmark's input: an Ethernet pcap of SYN scans to a /16 darknet
 * (10.0.0.0/16 is not used: 100.64.0.0/16 is, to stay out of real space) from a fixed number
 * of public sources, 90% TCP, 8% UDP, 2% ICMP, spread over one day.
 *
 * <p>Usage: {@code BenchCapture OUT.pcap [packets=20000000] [sources=2000000]}
 */
public final class BenchCapture {
    private static final int DARKNET = 0x64400000; // 100.64.0.0/16
    private static final int[] TCP_PORTS = {23, 23, 23, 23, 23, 2323, 445, 22, 80, 8080, 3389, 5358, 6789, 7547, 5555, 1433};
    private static final int[] UDP_PORTS = {53413, 5060, 123, 1900, 53, 161, 137};

    private BenchCapture() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long packets = args.length > 1 ? Long.parseLong(args[1]) : 20_000_000L;
        int sources = args.length > 2 ? Integer.parseInt(args[2]) : 2_000_000;
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
                    int port = random.nextInt(10) == 0 ? 1 + random.nextInt(65_535) : TCP_PORTS[random.nextInt(TCP_PORTS.length)];
                    frame.tcp(1024 + (src & 0x7fff), port, dst, 0, TcpFlags.SYN, 14_600);
                } else if (kind < 98) {
                    frame.udp(1024 + (src & 0x7fff), UDP_PORTS[random.nextInt(UDP_PORTS.length)]);
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
