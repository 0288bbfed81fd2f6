package io.darkscope.classify;

import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.PacketView;

/**
 * What a darknet packet is, after Moore et al. (USENIX Security 2001): a scan (a TCP SYN
 * without ACK, someone looking for a victim), backscatter (a reply to a packet with a spoofed
 * source that happened to be a darknet address: SYN-ACK, RST, ICMP echo reply and errors), or
 * other (UDP probes, ICMP requests, everything else).
 */
public enum TrafficClass {
    SCAN, BACKSCATTER, OTHER;

    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;

    public static TrafficClass of(PacketView p) {
        switch (p.protocol()) {
            case IpProtocol.TCP:
                if (p.transportCaptured() < 14) {
                    return OTHER;
                }
                int flags = p.tcpFlags();
                if ((flags & RST) != 0 || (flags & (SYN | ACK)) == (SYN | ACK)) {
                    return BACKSCATTER;
                }
                return (flags & (SYN | ACK)) == SYN ? SCAN : OTHER;
            case IpProtocol.ICMP:
                return isIcmpReply(p.icmpType()) ? BACKSCATTER : OTHER;
            case IpProtocol.ICMPV6:
                int type = p.icmpType();
                return (type >= 1 && type <= 4) || type == 129 ? BACKSCATTER : OTHER;
            default:
                return OTHER;
        }
    }

    /** Echo reply, the errors, and the timestamp, information and address-mask replies. */
    private static boolean isIcmpReply(int type) {
        return type == 0 || type == 3 || type == 4 || type == 5 || type == 11 || type == 12 || type == 14 || type == 16 || type == 18;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
