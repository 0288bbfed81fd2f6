package io.darkscope.sim.model;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.IpProtocol;

import java.util.SplittableRandom;

/**
 * GRE packets (IP protocol 47), as misconfigured tunnels and GRE-based scans send them: a
 * basic 4-byte GRE header announcing an IPv4 payload, then 20 bytes of it. No ports.
 */
public final class GreProbe implements ToolModel {
    private static final byte[] PAYLOAD = {0, 0, 0x08, 0x00, 0x45, 0, 0, 20, 0, 0, 0, 0, 64, 1, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2};

    @Override
    public String name() {
        return "gre";
    }

    @Override
    public void start(Source s, SplittableRandom random, PortChoice ports) {
        s.ipId = random.nextInt(65536);
    }

    @Override
    public void resume(Source s, long sent) {
        s.ipId = (int) ((s.ipId + sent) & 0xffff);
    }

    @Override
    public void probe(Source s, int destination, SplittableRandom random, PortChoice ports, FrameBuilder frame, Probe probe) {
        s.ipId = (s.ipId + 1) & 0xffff;
        frame.ttl(64).ipId(s.ipId).protocol(IpProtocol.GRE).payload(PAYLOAD);
        probe.protocol = IpProtocol.GRE;
        probe.dstPort = -1;
    }
}
