package io.darkscope.testing;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.TcpFlags;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Frames that exercise the fingerprint and backscatter analyses, to the darknet of {@link
 * SyntheticTraffic}: Mirai SYNs with a fixed or a random IP ID, ZMap and masscan SYNs, sources
 * whose contrary packet comes first or last, SYN-ACK and RST backscatter, and ICMP errors
 * quoting the spoofed packet. Reproducible from the seed.
 */
public final class ScannerMix {
    private static final int DARKNET = 0xC6336400;

    private ScannerMix() {
    }

    public static List<PipelineRun.Frame> generate(long seed, int count, long fromSecond, long seconds) {
        SplittableRandom random = new SplittableRandom(seed);
        FrameBuilder f = new FrameBuilder();
        List<PipelineRun.Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int dst = DARKNET | random.nextInt(256);
            int source = 0x2D000000 + random.nextInt(400) * 104_729;
            long nanos = (fromSecond + random.nextLong(seconds)) * 1_000_000_000L + random.nextInt(1_000_000_000);
            int seq = random.nextInt();
            int kind = random.nextInt(10);
            f.reset().ipv4(source, dst);
            switch (kind) {
                case 0, 1 -> f.ipId(source % 7 == 0 ? 4242 : random.nextInt(65536)).tcp(40000, random.nextInt(10) == 0 ? 2323 : 23, dst, 0,
                        TcpFlags.SYN, 5840);                                                   // Mirai: a seventh of them early
                case 2 -> f.ipId(random.nextInt(50) == 0 ? 1 : 54321).tcp(55555, 443, seq, 0, TcpFlags.SYN, 65535); // ZMap, a few contrary
                case 3 -> f.ipId((dst ^ 80 ^ seq) & 0xffff).tcp(61000, 80, seq, 0, TcpFlags.SYN, 1024); // masscan
                case 4 -> f.ipId(random.nextInt(65536)).tcp(33000, 22, seq, 0, TcpFlags.SYN, 29200);   // an ordinary stack
                case 5, 6 -> f.tcp(80 + source % 3, 1024 + random.nextInt(60000), seq, seq + 1,
                        random.nextBoolean() ? TcpFlags.SYN | TcpFlags.ACK : TcpFlags.RST, 8192);     // backscatter
                case 7 -> f.icmp(3, 1).payload(quote(dst, source, 53));                                 // an unreachable quoting the attack
                default -> f.tcp(1000, 1000, seq, 0, TcpFlags.FIN | TcpFlags.SYN | TcpFlags.RST | TcpFlags.PSH | TcpFlags.ACK | TcpFlags.URG, 0);
            }
            frames.add(new PipelineRun.Frame(nanos, f.build()));
        }
        return frames;
    }

    /** The first 28 bytes of a spoofed UDP packet from a darknet address to a victim's port. */
    private static byte[] quote(int spoofedSource, int victim, int port) {
        byte[] quote = new byte[28];
        quote[0] = 0x45;
        quote[9] = 17;
        ByteBuffer.wrap(quote).putInt(12, spoofedSource).putInt(16, victim).putShort(20, (short) 5353).putShort(22, (short) port);
        return quote;
    }
}
