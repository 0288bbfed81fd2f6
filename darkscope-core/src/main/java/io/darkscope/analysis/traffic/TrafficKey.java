package io.darkscope.analysis.traffic;

import io.darkscope.classify.TrafficClass;
import io.darkscope.decode.IpProtocol;

/**
 * Packs (IP protocol, destination port) into one int: bits 17-24 the protocol, bits 0-16 the
 * port or {@link #NO_PORT} when the packet has none (ICMP, other protocols, a later fragment,
 * a header cut before its ports). Two kinds of key stand for wider sets, so that the
 * aggregation gathers them like any port: every port of a protocol, and a traffic class.
 */
public final class TrafficKey {
    /** The port value of packets without a destination port. */
    public static final int NO_PORT = 0x10000;
    private static final int ANY_PORT = 0x10001;
    private static final int CLASS_BASE = 0x10010;

    private TrafficKey() {
    }

    public static int of(int protocol, int port) {
        return (protocol << 17) | (port >= 0 ? port : NO_PORT);
    }

    /** The key of every packet of a protocol, whatever its port. */
    public static int ofProtocol(int protocol) {
        return (protocol << 17) | ANY_PORT;
    }

    /** Whether the key is one protocol's port (or its packets without a port), not a wider set. */
    public static boolean isPort(int key) {
        return (key & 0x1ffff) <= NO_PORT;
    }

    /** The key of every packet of a traffic class. */
    public static int ofClass(TrafficClass trafficClass) {
        return CLASS_BASE + trafficClass.ordinal();
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
