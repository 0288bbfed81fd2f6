package io.darkscope.analysis.traffic;

import io.darkscope.decode.IpProtocol;

/**
 * Packs (IP protocol, destination port) into one int below 2^25: bits 17-24 the protocol, bits
 * 0-16 the port or {@link #NO_PORT} when the packet has none (ICMP, other protocols, a later
 * fragment, a header cut before its ports).
 */
public final class TrafficKey {
    /** The port value of packets without a destination port. */
    public static final int NO_PORT = 0x10000;

    private TrafficKey() {
    }

    public static int of(int protocol, int port) {
        return (protocol << 17) | (port >= 0 ? port : NO_PORT);
    }

    public static int protocol(int key) {
        return key >>> 17;
    }

    /** The destination port, or -1 for packets without one. */
    public static int port(int key) {
        int port = key & 0x1ffff;
        return port == NO_PORT ? -1 : port;
    }

    /** "23/tcp", "icmp", "tcp" (TCP packets without a port). */
    public static String toString(int key) {
        int port = port(key);
        String protocol = IpProtocol.name(protocol(key));
        return port < 0 ? protocol : port + "/" + protocol;
    }
}
