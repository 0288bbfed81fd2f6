package io.darkscope.sim.model;

import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.TcpFlags;

import java.util.SplittableRandom;

import static io.darkscope.decode.Bytes.putI32;

/**
 * A scanner that connects through its operating system's TCP stack, so its SYNs carry that
 * stack's fingerprint. Linux (3.x and later, {@code tcp_output.c} / {@code tcp_syn_options}):
 * don't-fragment set, TTL 64, window 29200, options MSS 1460, SACK permitted, timestamps,
 * NOP, window scale 7. Windows (7 and later): don't-fragment set, TTL 128, window 8192, MSS
 * 1460, NOP, window scale 8, NOP, NOP, SACK permitted, and an IP ID that counts up. Each
 * connection attempt uses the next ephemeral source port. The TR-069/TR-064 worm of November
 * 2016 and SSH brute-forcers are Linux-stack scanners.
 */
public final class StackScanner implements ToolModel {
    private static final byte[] WINDOWS_OPTIONS = {2, 4, 0x05, (byte) 0xb4, 1, 3, 3, 8, 1, 1, 4, 2};
    private static final byte[] LINUX_OPTIONS = {2, 4, 0x05, (byte) 0xb4, 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 7};
    private final String name;
    private final boolean windows;

    private StackScanner(String name, boolean windows) {
        this.name = name;
        this.windows = windows;
    }

    /** A Linux-stack scanner under the given tool name ("tr069", "ssh", "linux"). */
    public static StackScanner linux(String name) {
        return new StackScanner(name, false);
    }

    public static StackScanner windows() {
        return new StackScanner("windows", true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(Source s, SplittableRandom random, PortChoice ports) {
        s.sourcePort = windows ? 49152 + random.nextInt(16384) : 32768 + random.nextInt(28232);
        s.ipId = random.nextInt(65536);
        s.sequence = random.nextInt();
        if (!windows) {
            s.tcpOptions = LINUX_OPTIONS.clone();
        }
    }

    @Override
    public void resume(Source s, long sent) {
        int first = windows ? 49152 : 32768;
        s.sourcePort = first + (int) ((s.sourcePort - first + sent) % (65536 - first));
        if (windows) {
            s.ipId = (int) ((s.ipId + sent) & 0xffff);
        }
    }

    @Override
    public SynSignature synSignature() {
        return windows ? SynSignature.of(128, 8192, WINDOWS_OPTIONS, true, "increments by 1 per packet")
                : SynSignature.of(64, 29200, LINUX_OPTIONS, true, "random");
    }

    @Override
    public void probe(Source s, int destination, SplittableRandom random, PortChoice ports, FrameBuilder frame, Probe probe) {
        int choice = ports.pick(random);
        int port = ports.port(choice);
        s.sourcePort = s.sourcePort >= 65535 ? (windows ? 49152 : 32768) : s.sourcePort + 1;
        frame.dontFragment().tcp(s.sourcePort, port, random.nextInt(), 0, TcpFlags.SYN, windows ? 8192 : 29200);
        if (windows) {
            s.ipId = (s.ipId + 1) & 0xffff;
            frame.ttl(128).ipId(s.ipId).tcpOptions(WINDOWS_OPTIONS);
        } else {
            s.sequence += 1000 + random.nextInt(1000);
            putI32(s.tcpOptions, 8, s.sequence); // TSval; TSecr stays 0 on a SYN
            frame.ttl(64).ipId(random.nextInt(65536)).tcpOptions(s.tcpOptions);
        }
        probe.protocol = IpProtocol.TCP;
        probe.dstPort = port;
    }
}
