package io.darkscope.analysis.spoofed;

import io.darkscope.analysis.fingerprint.Fingerprint;
import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.PacketView;
import io.darkscope.decode.TcpFlags;

import java.util.Locale;

/**
 * What makes an IPv4 packet look spoofed or crafted, after the filters of CAIDA's corsaro: a
 * packet may be of several kinds. The four TCP flag kinds exclude each other, in their order.
 */
public enum SpoofKind {
    /** The source address ends in .0 or .255: a network or broadcast address. */
    SOURCE_NET_OR_BROADCAST,
    /** Source and destination are the same address (a LAND attack). */
    SOURCE_EQUALS_DESTINATION,
    /** TCP or UDP with source or destination port 0. */
    PORT_ZERO,
    /** TTL of 200 or more, but not a SYN with masscan's IP ID (masscan sends TTL 255); ZMap up to 4.0 counts. */
    HIGH_TTL,
    /** TCP with all six flags FIN, SYN, RST, PSH, ACK and URG. */
    ALL_FLAGS,
    /** TCP with SYN and FIN. */
    SYN_FIN,
    /** TCP with SYN and RST. */
    SYN_RST,
    /** TCP with none of the six flags (a null scan). */
    NO_FLAGS,
    /** A fragment other than the first. */
    LATER_FRAGMENT;

    private static final int SIX_FLAGS = 0x3f;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kinds of an IPv4 packet, one bit each by ordinal. */
    public static int of(PacketView p) {
        int kinds = 0;
        int lastByte = p.src4() & 0xff;
        if (lastByte == 0 || lastByte == 0xff) {
            kinds |= bit(SOURCE_NET_OR_BROADCAST);
        }
        if (p.src4() == p.dst4()) {
            kinds |= bit(SOURCE_EQUALS_DESTINATION);
        }
        boolean ports = p.protocol() == IpProtocol.TCP || p.protocol() == IpProtocol.UDP;
        if (ports && (p.srcPort() == 0 || p.dstPort() == 0)) {
            kinds |= bit(PORT_ZERO);
        }
        boolean flags = p.protocol() == IpProtocol.TCP && p.transportCaptured() >= 14;
        if (p.ttl() >= 200 && !(flags && isSyn(p.tcpFlags()) && Fingerprint.masscanIpId(p))) {
            kinds |= bit(HIGH_TTL);
        }
        if (flags) {
            kinds |= flagKind(p.tcpFlags() & SIX_FLAGS);
        }
        if (p.isLaterFragment()) {
            kinds |= bit(LATER_FRAGMENT);
        }
        return kinds;
    }

    private static boolean isSyn(int flags) {
        return (flags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN;
    }

    private static int flagKind(int flags) {
        if (flags == SIX_FLAGS) {
            return bit(ALL_FLAGS);
        }
        if ((flags & (TcpFlags.SYN | TcpFlags.FIN)) == (TcpFlags.SYN | TcpFlags.FIN)) {
            return bit(SYN_FIN);
        }
        if ((flags & (TcpFlags.SYN | TcpFlags.RST)) == (TcpFlags.SYN | TcpFlags.RST)) {
            return bit(SYN_RST);
        }
        return flags == 0 ? bit(NO_FLAGS) : 0;
    }

    private static int bit(SpoofKind kind) {
        return 1 << kind.ordinal();
    }
}
