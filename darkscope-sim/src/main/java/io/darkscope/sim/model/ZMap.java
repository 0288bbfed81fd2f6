package io.darkscope.sim.model;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.TcpFlags;

import java.util.SplittableRandom;

/**
 * ZMap's TCP SYN scan ({@code src/probe_modules/module_tcp_synscan.c}, {@code packet.c}). One
 * destination port per scan; source ports from 32768-61000; the sequence number is ZMap's
 * validation value, random-looking per destination. Up to 2.x: IP ID 54321, TTL 255, window
 * 65535, no TCP options. From 4.1: a random IP ID, TTL 64, and the options MSS 1460, NOP,
 * window scale 8, NOP, NOP, SACK permitted (ZMap 4.1 made probes look like a real OS stack).
 */
public final class ZMap implements ToolModel {
    private static final byte[] OPTIONS_4_1 = {2, 4, 0x05, (byte) 0xb4, 1, 3, 3, 8, 1, 1, 4, 2};
    private final boolean modern;

    private ZMap(boolean modern) {
        this.modern = modern;
    }

    /** ZMap up to 2.x (and 3.x, 4.0): the fixed IP ID 54321. */
    public static ZMap classic() {
        return new ZMap(false);
    }

    /** ZMap 4.1 and later. */
    public static ZMap modern() {
        return new ZMap(true);
    }

    @Override
    public String name() {
        return modern ? "zmap-4.1" : "zmap";
    }

    @Override
    public void start(Source s, SplittableRandom random, PortChoice ports) {
        int choice = ports.pick(random);
        s.port = ports.port(choice);
        s.sequence = random.nextInt();
    }

    @Override
    public SynSignature synSignature() {
        return modern ? SynSignature.of(64, 65535, OPTIONS_4_1, false, "random") : SynSignature.of(255, 65535, new byte[0], false, "54321");
    }

    @Override
    public void probe(Source s, int destination, SplittableRandom random, PortChoice ports, FrameBuilder frame, Probe probe) {
        int sourcePort = 32768 + random.nextInt(61000 - 32768 + 1);
        int validation = Integer.rotateLeft(destination * 0x9E3779B1 ^ s.sequence, 13);
        if (modern) {
            frame.ttl(64).ipId(random.nextInt(65536)).tcp(sourcePort, s.port, validation, 0, TcpFlags.SYN, 65535)
                    .tcpOptions(OPTIONS_4_1);
        } else {
            frame.ttl(255).ipId(54321).tcp(sourcePort, s.port, validation, 0, TcpFlags.SYN, 65535);
        }
        probe.protocol = IpProtocol.TCP;
        probe.dstPort = s.port;
    }
}
