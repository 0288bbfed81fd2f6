package io.darkscope.cli;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.capture.PcapWriter;
import io.darkscope.decode.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * A small, deterministic darknet capture for the demo: three days of Mirai-style Telnet scans
 * growing day by day, SSH and SMB scanners, a 53413/UDP probe wave, ICMP sweeps and SYN-ACK
 * backscatter, to two documentation /24s (198.51.100.0/24, 203.0.113.0/24). One gzipped pcap a day.
 */
final class DemoCapture {
    static final String DARKNET = "198.51.100.0/24\n203.0.113.0/24\n";
    private static final int[] DARKNET_BASES = {0xC6336400, 0xCB007100};
    static final LocalDate FIRST_DAY = LocalDate.of(2016, 9, 18);
    static final int DAYS = 3;

    private final SplittableRandom random = new SplittableRandom(2016);
    private final FrameBuilder frame = new FrameBuilder();
    private final byte[] buffer = new byte[128];

    /** Writes one capture file per day into {@code directory}. */
    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = FIRST_DAY.plusDays(d);
            Path file = directory.resolve("darknet-" + day + ".pcap.gz");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
                 PcapWriter pcap = new PcapWriter(out, LinkType.ETHERNET, false)) {
                writeDay(pcap, day.atStartOfDay(ZoneOffset.UTC).toEpochSecond(), d);
            }
        }
    }

    private void writeDay(PcapWriter pcap, long dayStart, int dayIndex) throws IOException {
        long packets = 60_000L + 40_000L * dayIndex;
        int bots = 1_500 * (1 << dayIndex);
        for (long i = 0; i < packets; i++) {
            long nanos = (dayStart + i * 86_400L / packets) * 1_000_000_000L + random.nextInt(1_000_000_000);
            int dst = DARKNET_BASES[random.nextInt(2)] | random.nextInt(256);
            int kind = random.nextInt(100);
            frame.reset().ttl(64 + random.nextInt(64)).ipId(random.nextInt(65536));
            if (kind < 60) { // Mirai: SYN, sequence number = destination, 23/TCP, every tenth to 2323/TCP
                int bot = random.nextInt(bots);
                frame.ipv4(source(1, bot), dst).tcp(1024 + bot % 60_000, random.nextInt(10) == 0 ? 2323 : 23, dst, 0, FrameBuilder.SYN, 5840 + bot % 1000);
            } else if (kind < 75) {
                int[] ports = {22, 2222, 445, 3389, 1433, 8080, 80, 5358, 6789};
                frame.ipv4(source(2, random.nextInt(800)), dst).tcp(40_000 + random.nextInt(20_000), ports[random.nextInt(ports.length)],
                        random.nextInt(), 0, FrameBuilder.SYN, 1024);
            } else if (kind < 88) {
                frame.ipv4(source(3, random.nextInt(300 + 600 * dayIndex)), dst).udp(random.nextInt(65536), 53413).payload(new byte[8]);
            } else if (kind < 94) {
                frame.ipv4(source(4, random.nextInt(200)), dst).icmp(8, 0);
            } else { // backscatter from a few DoS victims
                int victim = random.nextInt(12);
                frame.ipv4(source(5, victim), dst).tcp(victim % 2 == 0 ? 80 : 443, 1024 + random.nextInt(60_000), random.nextInt(),
                        random.nextInt(), FrameBuilder.SYN | FrameBuilder.ACK, 29200);
            }
            int length = frame.build(buffer);
            pcap.write(nanos, buffer, 0, length, length);
        }
    }

    /** A public-looking source address, distinct per population and index. */
    private static int source(int population, int index) {
        int first = new int[] {0, 177, 14, 36, 91, 45}[population];
        return (first << 24) | ((population * 31 + index / 65_536) & 0xff) << 16 | (index & 0xffff);
    }
}
