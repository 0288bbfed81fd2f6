package io.darkscope.classify;

import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.PacketView;
import io.darkscope.decode.TcpFlags;

import java.util.Locale;

/**
 * What a darknet packet is, after Moore et al. (USENIX Security 2001): a scan (a TCP SYN
 * without ACK, someone looking for a victim), backscatter (a reply to a packet with a spoofed
 * source that happened to be a darknet address: SYN-ACK, RST, ICMP echo reply and errors), or
 * other (UDP probes, ICMP requests, everything else).
 */
public enum TrafficClass {
    SCAN("TCP SYN without ACK (Moore et al. 2001)"),
    BACKSCATTER("SYN-ACK, RST, ICMP echo replies and errors: replies to spoofed packets"),
    OTHER("everything else (UDP, ICMP requests, other protocols)");

    private final String description;

    TrafficClass(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static TrafficClass of(PacketView p) {
        switch (p.protocol()) {
            case IpProtocol.TCP:
                if (p.transportCaptured() < 14) {
                    return OTHER;
                }
                int flags = p.tcpFlags();
                if ((flags & TcpFlags.RST) != 0 || (flags & (TcpFlags.SYN | TcpFlags.ACK)) == (TcpFlags.SYN | TcpFlags.ACK)) {
                    return BACKSCATTER;
                }
                return (flags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN ? SCAN : OTHER;
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
        return type == 0 || IpProtocol.isIcmpError(type) || type == 14 || type == 16 || type == 18;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
