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
 * darknet. The source is the victim; its service ports are fixed. Replies to a SYN flood are
 * SYN-ACKs (or RST-ACKs once the victim gives up) from the service port to the spoofed source
 * port; replies to a UDP flood on a closed port are ICMP port unreachable, and overloaded paths
 * answer ICMP time exceeded, both quoting the attack packet's IP header and first 8 bytes.
 * Most victims are attacked on one service port; with weights of attacking several
 * ({@link #withPortsPerVictim}), some on two or more at once, each reply from one of them.
 */
public final class Backscatter implements ToolModel {
    private final double[] portsPerVictim;

    public Backscatter() {
        this(new double[] {1});
    }

    private Backscatter(double[] portsPerVictim) {
        double sum = 0;
        this.portsPerVictim = new double[portsPerVictim.length];
        for (int i = 0; i < portsPerVictim.length; i++) {
            sum += portsPerVictim[i];
            this.portsPerVictim[i] = sum;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("ports per victim need a positive weight");
        }
        for (int i = 0; i < portsPerVictim.length; i++) {
            this.portsPerVictim[i] /= sum;
        }
    }

    /** Victims attacked on 1, 2, 3... ports at once with these weights. */
    public Backscatter withPortsPerVictim(double[] weights) {
        return new Backscatter(weights);
    }

    @Override
    public String name() {
        return "backscatter";
    }

    @Override
    public void start(Source s, SplittableRandom random, PortChoice ports) {
        s.port = ports.port(ports.pick(random));
        s.ipId = random.nextInt(65536);
        s.ports = null;
        if (portsPerVictim.length > 1) {
            double u = random.nextDouble();
            int n = 1;
            while (n < portsPerVictim.length && u >= portsPerVictim[n - 1]) {
                n++;
            }
            n = Math.min(n, distinctPorts(ports));
            if (n > 1) {
                int[] chosen = new int[n];
                chosen[0] = s.port;
                for (int k = 1; k < n; ) {
                    int port = ports.port(ports.pick(random));
                    boolean fresh = true;
                    for (int j = 0; j < k; j++) {
                        fresh &= chosen[j] != port;
                    }
                    if (fresh) {
                        chosen[k++] = port;
                    }
                }
                s.ports = chosen;
            }
        }
    }

    private static int distinctPorts(PortChoice ports) {
        java.util.Set<Integer> distinct = new java.util.HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            distinct.add(ports.port(i));
        }
        return distinct.size();
    }

    @Override
    public void resume(Source s, long sent) {
        s.ipId = (int) ((s.ipId + sent) & 0xffff);
    }

    @Override
    public void probe(Source s, int destination, SplittableRandom random, PortChoice ports, FrameBuilder frame, Probe probe) {
        int kind = random.nextInt(100);
        int spoofedPort = 1024 + random.nextInt(64512);
        int service = s.ports == null ? s.port : s.ports[random.nextInt(s.ports.length)];
        s.ipId = (s.ipId + 1) & 0xffff;
        frame.ttl(64).ipId(s.ipId);
        if (kind < 85) {
            int flags = kind < 60 ? TcpFlags.SYN | TcpFlags.ACK : TcpFlags.RST | TcpFlags.ACK;
            frame.dontFragment().tcp(service, spoofedPort, random.nextInt(), random.nextInt(), flags, kind < 60 ? 29200 : 0);
            probe.protocol = IpProtocol.TCP;
            probe.dstPort = spoofedPort;
        } else {
            boolean unreachable = kind < 95;
            frame.icmp(unreachable ? 3 : 11, unreachable ? 3 : 0).payload(quote(destination, s.address, service, spoofedPort, random));
            probe.protocol = IpProtocol.ICMP;
            probe.dstPort = -1;
        }
    }

    /** The attack packet as the error quotes it: IPv4 header from the spoofed (darknet) source to the victim, then 8 bytes of UDP. */
    private static byte[] quote(int spoofedSource, int victim, int service, int spoofedPort, SplittableRandom random) {
        byte[] q = new byte[28];
        q[0] = 0x45;
        putU16(q, 2, 28 + 64);
        putU16(q, 4, random.nextInt(65536));
        q[8] = (byte) (30 + random.nextInt(200));
        q[9] = IpProtocol.UDP;
        putI32(q, 12, spoofedSource);
        putI32(q, 16, victim);
        putU16(q, 20, spoofedPort);
        putU16(q, 22, service);
        putU16(q, 24, 8 + 64);
        return q;
    }
}
