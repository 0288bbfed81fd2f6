package io.darkscope.sim.model;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.TcpFlags;

import java.util.SplittableRandom;

/**
 * IPv6 scanning, the little a darknet's IPv6 prefix sees: ICMPv6 echo requests (hop limit 64)
 * or, for an actor with TCP ports, Linux-like TCP SYNs. Addresses are set by the simulator.
 */
public final class Ipv6Scanner implements ToolModel {
    private static final byte[] ECHO_PAYLOAD = new byte[8];

    @Override
    public String name() {
        return "ipv6-scan";
    }

    @Override
    public boolean ipv6() {
        return true;
    }

    @Override
    public void start(Source s, SplittableRandom random, PortChoice ports) {
        s.sourcePort = 32768 + random.nextInt(28232);
    }

    @Override
    public void probe(Source s, int destination, SplittableRandom random, PortChoice ports, FrameBuilder frame, Probe probe) {
        int choice = ports.pick(random);
        frame.ttl(64);
        if (ports.protocol(choice) == IpProtocol.ICMPV6) {
            frame.icmp(128, 0).payload(ECHO_PAYLOAD);
            probe.protocol = IpProtocol.ICMPV6;
            probe.dstPort = -1;
        } else {
            frame.tcp(s.sourcePort, ports.port(choice), random.nextInt(), 0, TcpFlags.SYN, 28800);
            probe.protocol = IpProtocol.TCP;
            probe.dstPort = ports.port(choice);
        }
    }
}
