package io.darkscope.sim.model;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.IpProtocol;

import java.util.SplittableRandom;

/** ICMP echo sweeps (ping scans, ZMap's icmp_echoscan): echo request, TTL 64, 56 bytes of payload like ping. */
public final class IcmpSweep implements ToolModel {
    private static final byte[] PAYLOAD = new byte[56];

    @Override
    public String name() {
        return "icmp-sweep";
    }

    @Override
    public void start(Source s, SplittableRandom random, PortChoice ports) {
        // nothing stays constant: every echo request draws its own IP ID
    }

    @Override
    public void probe(Source s, int destination, SplittableRandom random, PortChoice ports, FrameBuilder frame, Probe probe) {
        frame.ttl(64).ipId(random.nextInt(65536)).icmp(8, 0).payload(PAYLOAD);
        probe.protocol = IpProtocol.ICMP;
        probe.dstPort = -1;
    }
}
