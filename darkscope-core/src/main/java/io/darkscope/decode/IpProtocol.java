package io.darkscope.decode;

/** IP protocol numbers that darkscope treats specially. */
public final class IpProtocol {
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int IPV6_IN_IP = 41;
    public static final int GRE = 47;
    public static final int ICMPV6 = 58;
    public static final int SCTP = 132;

    private IpProtocol() {
    }

    /** Whether the protocol's first four bytes are a source and a destination port. */
    public static boolean hasPorts(int protocol) {
        return protocol == TCP || protocol == UDP || protocol == SCTP;
    }

    /** Whether an ICMPv4 type is an error, which quotes the packet that caused it (unreachable, quench, redirect, time exceeded, parameter problem). */
    public static boolean isIcmpError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /** Lower-case name for the protocols users name on the command line, else the number. */
    public static String name(int protocol) {
        switch (protocol) {
            case TCP: return "tcp";
            case UDP: return "udp";
            case ICMP: return "icmp";
            case ICMPV6: return "icmpv6";
            case SCTP: return "sctp";
            case GRE: return "gre";
            default: return Integer.toString(protocol);
        }
    }

    /** Parses "tcp", "udp", "sctp", "icmp", "icmpv6", "gre" or a number from 0 to 255. */
    public static int parse(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "tcp": return TCP;
            case "udp": return UDP;
            case "sctp": return SCTP;
            case "icmp": return ICMP;
            case "icmpv6": return ICMPV6;
            case "gre": return GRE;
            default:
                try {
                    int p = Integer.parseInt(name);
                    if (p >= 0 && p <= 255) {
                        return p;
                    }
                } catch (NumberFormatException ignored) {
                    // fall through to the error below
                }
                throw new IllegalArgumentException("unknown protocol '" + name + "' (tcp, udp, sctp, icmp, icmpv6, gre or 0-255)");
        }
    }
}
