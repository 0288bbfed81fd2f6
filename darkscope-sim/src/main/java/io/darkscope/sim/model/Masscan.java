package io.darkscope.sim.model;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.TcpFlags;

import java.util.SplittableRandom;

/**
 * masscan 1.3 ({@code src/templ-pkt.c}, {@code src/main.c}): one source port for the whole
 * run, window 1024, TTL 255, no TCP options, a SYN-cookie sequence number, and the IP ID
 * {@code (dst ^ dport ^ seq) & 0xffff}. Ports are chosen per probe from the actor's list.
 */
public final class Masscan implements ToolModel {
    @Override
    public String name() {
        return "masscan";
    }

    @Override
    public void start(Source s, SplittableRandom random, PortChoice ports) {
        s.sourcePort = 40000 + random.nextInt(20000);
        s.sequence = random.nextInt();
    }

    @Override
    public SynSignature synSignature() {
        return SynSignature.of(255, 1024, new byte[0], false, "(dst ^ dport ^ seq) & 0xffff");
    }

    @Override
    public void probe(Source s, int destination, SplittableRandom random, PortChoice ports, FrameBuilder frame, Probe probe) {
        int choice = ports.pick(random);
        int port = ports.port(choice);
        int cookie = Integer.rotateLeft(destination ^ s.sequence, 7) * 0x85EBCA6B ^ port;
        frame.ttl(255).ipId((destination ^ port ^ cookie) & 0xffff).tcp(s.sourcePort, port, cookie, 0, TcpFlags.SYN, 1024);
        probe.protocol = IpProtocol.TCP;
        probe.dstPort = port;
    }
}
