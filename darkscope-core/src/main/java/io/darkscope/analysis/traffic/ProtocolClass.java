package io.darkscope.analysis.traffic;

import io.darkscope.decode.IpProtocol;

/** The four protocol classes of the daily and 5-minute series: TCP, UDP, ICMP (v4 and v6), other. */
public enum ProtocolClass {
    TCP, UDP, ICMP, OTHER;

    private static final ProtocolClass[] BY_PROTOCOL = new ProtocolClass[256];

    static {
        java.util.Arrays.fill(BY_PROTOCOL, OTHER);
        BY_PROTOCOL[IpProtocol.TCP] = TCP;
        BY_PROTOCOL[IpProtocol.UDP] = UDP;
        BY_PROTOCOL[IpProtocol.ICMP] = ICMP;
        BY_PROTOCOL[IpProtocol.ICMPV6] = ICMP;
    }

    public static ProtocolClass of(int protocol) {
        return BY_PROTOCOL[protocol];
    }

    /** Whether an IP protocol number belongs to this class. */
    public boolean contains(int protocol) {
        return BY_PROTOCOL[protocol] == this;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
