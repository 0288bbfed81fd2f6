package io.darkscope.sim.model;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.TcpFlags;

import java.util.SplittableRandom;

/**
 * Mirai's Telnet scanner as leaked in September 2016 ({@code mirai/bot/scanner.c},
 * {@code scanner_init}): raw TCP SYNs of 40 bytes (IPv4 and TCP headers, no options), TTL 64,
 * sequence number = destination address, a source port and a window chosen at random once
 * per bot, a fresh random IP ID for every packet. Probes go out in batches of 160; within a
 * batch probe i goes to 2323/TCP when {@code i % 10 == 0}, else to 23/TCP (a counter, not a
 * coin). Destinations never fall in the ranges {@code get_random_ip()} skips. The two ports are
 * the actor's first and second port (default 23/tcp and 2323/tcp); an actor with one port
 * sends every probe there, as the builds seen before September 2016 did.
 *
 * <p>The early variant seen in August 2016 ({@link #early()}) is identical but keeps one IP ID
 * for all its packets.
 */
public final class Mirai implements ToolModel {
    private static final int BATCH = 160;
    private final boolean fixedIpId;

    private Mirai(boolean fixedIpId) {
        this.fixedIpId = fixedIpId;
    }

    /** The leaked source: random IP ID per packet. */
    public static Mirai leaked() {
        return new Mirai(false);
    }

    /** The variant of August 2016: a fixed IP ID per bot. */
    public static Mirai early() {
        return new Mirai(true);
    }

    @Override
    public String name() {
        return fixedIpId ? "mirai-early" : "mirai";
    }

    @Override
    public void start(Source s, SplittableRandom random, PortChoice ports) {
        s.sourcePort = 1024 + random.nextInt(65536 - 1024);
        s.window = random.nextInt(65536);
        s.ipId = random.nextInt(65536);
        s.counter = random.nextInt(BATCH);
    }

    @Override
    public void probe(Source s, int destination, SplittableRandom random, PortChoice ports, FrameBuilder frame, Probe probe) {
        int port = ports.size() > 1 && s.counter % 10 == 0 ? ports.port(1) : ports.port(0);
        s.counter = (s.counter + 1) % BATCH;
        frame.ttl(64).ipId(fixedIpId ? s.ipId : random.nextInt(65536))
                .tcp(s.sourcePort, port, destination, 0, TcpFlags.SYN, s.window);
        probe.protocol = IpProtocol.TCP;
        probe.dstPort = port;
    }

    @Override
    public void resume(Source s, long sent) {
        s.counter = (int) ((s.counter + sent) % BATCH);
    }

    @Override
    public SynSignature synSignature() {
        return SynSignature.of(64, null, new byte[0], false, fixedIpId ? "fixed per source" : "random");
    }

    @Override
    public boolean targets(int destination) {
        return !skipped(destination);
    }

    /** The ranges scanner.c's get_random_ip() never returns. */
    static boolean skipped(int address) {
        int o1 = address >>> 24;
        int o2 = (address >>> 16) & 0xff;
        return o1 == 127 || o1 == 0 || o1 == 3 || o1 == 15 || o1 == 16 || o1 == 56 || o1 == 10
                || (o1 == 192 && o2 == 168) || (o1 == 172 && o2 >= 16 && o2 < 32) || (o1 == 100 && o2 >= 64 && o2 < 127)
                || (o1 == 169 && o2 > 254) || (o1 == 198 && o2 >= 18 && o2 < 20) || o1 >= 224
                || o1 == 6 || o1 == 7 || o1 == 11 || o1 == 21 || o1 == 22 || o1 == 26 || o1 == 28 || o1 == 29
                || o1 == 30 || o1 == 33 || o1 == 55 || o1 == 214 || o1 == 215;
    }
}
