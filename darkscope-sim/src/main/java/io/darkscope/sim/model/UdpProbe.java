package io.darkscope.sim.model;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.IpProtocol;

import java.util.SplittableRandom;

/**
 * UDP probes from a scanning script: a random source port per probe, TTL 64, a fixed payload.
 * The Netis/Netcore router backdoor scans of summer 2016 sent such datagrams to 53413/UDP
 * (the backdoor's port; its login string was "netcore"); other actors use it for SIP, NTP,
 * SSDP or DNS probes with their own ports. Payload bytes are a stand-in of the right size.
 */
public final class UdpProbe implements ToolModel {
    private static final byte[] PAYLOAD = "AA\0\0AAAAnetcore\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private final String name;

    public UdpProbe(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
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
        int choice = ports.pick(random);
        s.ipId = (s.ipId + 1) & 0xffff;
        frame.ttl(64).ipId(s.ipId).udp(1024 + random.nextInt(64512), ports.port(choice)).payload(PAYLOAD);
        probe.protocol = IpProtocol.UDP;
        probe.dstPort = ports.port(choice);
    }
}
