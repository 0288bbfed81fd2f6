package io.darkscope.sim.model;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.TcpFlags;

import java.util.SplittableRandom;

/**
 * Packets that look spoofed or crafted ({@link SpoofKind}): each source sends one kind, chosen
 * by the actor's weights. Sources ending in .0 or .255 send SYNs; LAND packets carry the
 * destination as their source (the source's own address is never seen); port-zero probes go
 * to or come from port 0, by TCP or UDP; high-TTL SYNs have a TTL of 200 to 255 and an IP ID
 * that is not masscan's; the flag kinds are TCP packets with SYN+FIN, SYN+RST, all six flags
 * (unicornscan can send them) or none (a null scan); later fragments are UDP fragments at
 * offset 1480 whose first fragment never came.
 */
public final class SpoofedPackets implements ToolModel {
    private static final int URG = 0x20;
    private static final byte[] FRAGMENT = new byte[40];
    private static final byte[] UDP_PAYLOAD = new byte[16];
    private static final SpoofKind[] KINDS = SpoofKind.values();
    private final double[] cumulative;

    /** Every kind alike. */
    public SpoofedPackets() {
        this(ones());
    }

    private SpoofedPackets(double[] weights) {
        if (weights.length != KINDS.length) {
            throw new IllegalArgumentException("one weight per kind");
        }
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("'kinds' needs a positive weight");
        }
        for (int i = 0; i < weights.length; i++) {
            cumulative[i] = cumulative[i] == sum ? 1.0 : cumulative[i] / sum;
        }
    }

    private static double[] ones() {
        double[] w = new double[KINDS.length];
        java.util.Arrays.fill(w, 1);
        return w;
    }

    /** The kinds with these weights, by {@link SpoofKind} ordinal. */
    public SpoofedPackets withKinds(double[] weights) {
        return new SpoofedPackets(weights);
    }

    @Override
    public String name() {
        return "spoofed";
    }

    @Override
    public void start(Source s, SplittableRandom random, PortChoice ports) {
        double u = random.nextDouble();
        int kind = 0;
        while (u >= cumulative[kind]) {
            kind++;
        }
        s.counter = kind;
        s.sourcePort = 1024 + random.nextInt(64512);
        s.ipId = random.nextInt(65536);
        if (KINDS[kind] == SpoofKind.SOURCE_NET_OR_BROADCAST) {
            s.address = (s.address & ~0xff) | (random.nextBoolean() ? 0 : 0xff);
        }
    }

    /** The kind a started source sends. */
    public static SpoofKind kindOf(Source s) {
        return KINDS[s.counter];
    }

    @Override
    public void probe(Source s, int destination, SplittableRandom random, PortChoice ports, FrameBuilder frame, Probe probe) {
        int port = ports.port(ports.pick(random));
        port = port < 0 ? 80 : port;
        s.ipId = (s.ipId + 1) & 0xffff;
        frame.ttl(64).ipId(s.ipId);
        probe.protocol = IpProtocol.TCP;
        probe.dstPort = port;
        int seq = random.nextInt();
        switch (KINDS[s.counter]) {
            case SOURCE_NET_OR_BROADCAST -> frame.tcp(s.sourcePort, port, seq, 0, TcpFlags.SYN, 1024);
            case SOURCE_EQUALS_DESTINATION -> {
                frame.ipv4(destination, destination).tcp(port, port, seq, 0, TcpFlags.SYN, 1024);
                probe.sourceIsDestination = true;
            }
            case PORT_ZERO -> {
                int kind = random.nextInt(3);
                int src = kind == 1 ? 0 : s.sourcePort;
                int dst = kind == 1 ? port : 0;
                if (kind == 2) {
                    frame.udp(src, dst).payload(UDP_PAYLOAD);
                    probe.protocol = IpProtocol.UDP;
                } else {
                    frame.tcp(src, dst, seq, 0, TcpFlags.SYN, 1024);
                }
                probe.dstPort = dst;
            }
            case HIGH_TTL -> {
                int ipId = random.nextInt(65536);
                if (ipId == ((destination ^ port ^ seq) & 0xffff)) {
                    ipId = (ipId + 1) & 0xffff; // never masscan's
                }
                frame.ttl(200 + random.nextInt(56)).ipId(ipId).tcp(s.sourcePort, port, seq, 0, TcpFlags.SYN, 65535);
            }
            case ALL_FLAGS -> frame.tcp(s.sourcePort, port, seq, random.nextInt(),
                    TcpFlags.FIN | TcpFlags.SYN | TcpFlags.RST | TcpFlags.PSH | TcpFlags.ACK | URG, 1024);
            case SYN_FIN -> frame.tcp(s.sourcePort, port, seq, 0, TcpFlags.SYN | TcpFlags.FIN, 1024);
            case SYN_RST -> frame.tcp(s.sourcePort, port, seq, 0, TcpFlags.SYN | TcpFlags.RST, 1024);
            case NO_FLAGS -> frame.tcp(s.sourcePort, port, seq, 0, 0, 1024);
            case LATER_FRAGMENT -> {
                frame.protocol(IpProtocol.UDP).payload(FRAGMENT).fragment(1480, false);
                probe.protocol = IpProtocol.UDP;
                probe.dstPort = -1;
            }
            default -> throw new IllegalStateException();
        }
    }
}
