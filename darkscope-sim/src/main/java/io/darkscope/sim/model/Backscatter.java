package io.darkscope.sim.model;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.TcpFlags;

import java.util.SplittableRandom;

import static io.darkscope.decode.Bytes.putI32;
import static io.darkscope.decode.Bytes.putU16;

/**
 * Backscatter from a DoS victim (Moore et al., USENIX Security 2001): the attack's packets
 * carry spoofed sources, some of them darknet addresses, so the victim's replies land in the
 * darknet. The source is the victim; its service port is fixed. Replies to a SYN flood are
 * SYN-ACKs (or RST-ACKs once the victim gives up) from the service port to the spoofed source
 * port; replies to a UDP flood on a closed port are ICMP port unreachable, and overloaded paths
 * answer ICMP time exceeded, both quoting the attack packet's IP header and first 8 bytes.
 */
public final class Backscatter implements ToolModel {
    @Override
    public String name() {
        return "backscatter";
    }

    @Override
    public void start(Source s, SplittableRandom random, PortChoice ports) {
        s.port = ports.port(ports.pick(random));
        s.ipId = random.nextInt(65536);
    }

    @Override
    public void probe(Source s, int destination, SplittableRandom random, PortChoice ports, FrameBuilder frame, Probe probe) {
        int kind = random.nextInt(100);
        int spoofedPort = 1024 + random.nextInt(64512);
        s.ipId = (s.ipId + 1) & 0xffff;
        frame.ttl(64).ipId(s.ipId);
        if (kind < 85) {
            int flags = kind < 60 ? TcpFlags.SYN | TcpFlags.ACK : TcpFlags.RST | TcpFlags.ACK;
            frame.dontFragment().tcp(s.port, spoofedPort, random.nextInt(), random.nextInt(), flags, kind < 60 ? 29200 : 0);
            probe.protocol = IpProtocol.TCP;
            probe.dstPort = spoofedPort;
        } else {
            boolean unreachable = kind < 95;
            frame.icmp(unreachable ? 3 : 11, unreachable ? 3 : 0).payload(quote(destination, s, spoofedPort, random));
            probe.protocol = IpProtocol.ICMP;
            probe.dstPort = -1;
        }
    }

    /** The attack packet as the error quotes it: IPv4 header from the spoofed (darknet) source to the victim, then 8 bytes of UDP. */
    private static byte[] quote(int spoofedSource, Source victim, int spoofedPort, SplittableRandom random) {
        byte[] q = new byte[28];
        q[0] = 0x45;
        putU16(q, 2, 28 + 64);
        putU16(q, 4, random.nextInt(65536));
        q[8] = (byte) (30 + random.nextInt(200));
        q[9] = IpProtocol.UDP;
        putI32(q, 12, spoofedSource);
        putI32(q, 16, victim.address);
        putU16(q, 20, spoofedPort);
        putU16(q, 22, victim.port);
        putU16(q, 24, 8 + 64);
        return q;
    }
}
