package io.darkscope.classify;

import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.PacketView;
import io.darkscope.decode.TcpFlags;

import java.util.Locale;

/**
 * What a darknet packet is, after Moore et al. (USENIX Security 2001): a scan (a TCP SYN,
 * someone looking for a victim), backscatter (a reply to a packet with a spoofed source that
 * happened to be a darknet address: SYN-ACK, RST, ICMP echo reply and errors), or other (UDP
 * probes, ICMP requests, TCP flags no stack sends, everything else).
 */
public enum TrafficClass {
    SCAN("TCP SYN without ACK, RST or FIN (Moore et al. 2001)"),
    BACKSCATTER("SYN-ACK, RST, RST-ACK, bare ACK, ICMP echo replies and errors: replies to spoofed packets"),
    OTHER("everything else (UDP, ICMP requests, other protocols, TCP flags no stack sends)");

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
                return p.transportCaptured() < 14 ? OTHER : ofTcpFlags(p.tcpFlags());
            case IpProtocol.ICMP:
                return isIcmpReply(p.icmpType()) ? BACKSCATTER : OTHER;
            case IpProtocol.ICMPV6:
                int type = p.icmpType();
                return (type >= 1 && type <= 4) || type == 129 ? BACKSCATTER : OTHER;
            default:
                return OTHER;
        }
    }

    /**
     * A SYN (without ACK, RST or FIN) is a scan; a reply a TCP stack sends to a packet it did not
     * expect (SYN-ACK, RST, RST-ACK, ACK) is backscatter; combinations no stack sends (SYN with
     * FIN or RST, all flags, none) are other. PSH, URG, ECE and CWR do not change the class.
     */
    static TrafficClass ofTcpFlags(int flags) {
        int f = flags & (TcpFlags.FIN | TcpFlags.SYN | TcpFlags.RST | TcpFlags.ACK);
        if (f == TcpFlags.SYN) {
            return SCAN;
        }
        boolean reply = f == (TcpFlags.SYN | TcpFlags.ACK) || f == TcpFlags.RST || f == (TcpFlags.RST | TcpFlags.ACK) || f == TcpFlags.ACK;
        return reply ? BACKSCATTER : OTHER;
    }

    /** Echo reply, the errors, and the timestamp, information and address-mask replies. */
    private static boolean isIcmpReply(int type) {
        return type == 0 || IpProtocol.isIcmpError(type) || type == 14 || type == 16 || type == 18;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
