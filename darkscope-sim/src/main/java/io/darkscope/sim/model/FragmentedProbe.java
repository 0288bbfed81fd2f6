package io.darkscope.sim.model;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.IpProtocol;

import java.util.SplittableRandom;

/**
 * Fragmented UDP datagrams (large DNS or NTP answers, fragmentation attacks): a source sends
 * the first fragment, with the UDP header and its port, then a later fragment at offset 1480
 * that has no port, in turn.
 */
public final class FragmentedProbe implements ToolModel {
    private static final byte[] FIRST = new byte[64];
    private static final byte[] LATER = new byte[48];

    @Override
    public String name() {
        return "fragments";
    }

    @Override
    public void start(Source s, SplittableRandom random, PortChoice ports) {
        s.ipId = random.nextInt(65536);
    }

    @Override
    public void resume(Source s, long sent) {
        s.counter = (int) (sent & 1);
        s.ipId = (int) ((s.ipId + (sent + 1) / 2) & 0xffff);
    }

    @Override
    public void probe(Source s, int destination, SplittableRandom random, PortChoice ports, FrameBuilder frame, Probe probe) {
        int choice = ports.pick(random);
        boolean first = s.counter++ % 2 == 0;
        if (first) {
            s.ipId = (s.ipId + 1) & 0xffff;
        }
        frame.ttl(64).ipId(s.ipId);
        probe.protocol = IpProtocol.UDP;
        if (first) {
            frame.udp(53, ports.port(choice)).payload(FIRST).fragment(0, true);
            probe.dstPort = ports.port(choice);
        } else {
            frame.protocol(IpProtocol.UDP).payload(LATER).fragment(1480, false);
            probe.dstPort = -1;
        }
    }
}
