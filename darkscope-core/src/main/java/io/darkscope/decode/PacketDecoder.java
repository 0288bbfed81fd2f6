package io.darkscope.decode;

import static io.darkscope.decode.Bytes.i32;
import static io.darkscope.decode.Bytes.i32le;
import static io.darkscope.decode.Bytes.i64;
import static io.darkscope.decode.Bytes.u16;
import static io.darkscope.decode.Bytes.u16le;

/**
 * Decodes a captured frame into a {@link PacketView}: link layer, then IPv4 or IPv6 (with
 * options, the IPv6 extension-header chain and fragments), then the first bytes of TCP, UDP,
 * SCTP, ICMP or ICMPv6. It never reads past the captured length. Tunnels are not opened: a
 * darknet sees the outer packet, so GRE or IPv6-in-IPv4 count under their own protocol.
 *
 * <p>One decoder per thread: it keeps a little state between calls.
 */
public final class PacketDecoder {
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_LEGACY = 0x9100;
    private static final int ETHERTYPE_MPLS = 0x8847;
    private static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    private static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    private static final int MAX_802_3_LENGTH = 1500;
    private static final int PPP_IPV4 = 0x0021;
    private static final int PPP_IPV6 = 0x0057;
    private static final int NFULA_PAYLOAD = 9;

    private int frameStart;
    private int viewWireLength;

    /**
     * Decodes one frame.
     *
     * @param linkType       the LINKTYPE_ value of the interface that captured it
     * @param data           the buffer holding the frame
     * @param offset         where the frame starts in {@code data}
     * @param capturedLength how many bytes of the frame were captured
     * @param wireLength     how long the frame was on the wire
     * @param timestampNanos capture time, nanoseconds since the epoch
     * @param view           filled with what was found; meaningful only when the result is {@link DecodeResult#IP}
     */
    public DecodeResult decode(int linkType, byte[] data, int offset, int capturedLength, int wireLength,
                               long timestampNanos, PacketView view) {
        view.timestampNanos = timestampNanos;
        view.wireLength = wireLength;
        frameStart = offset;
        viewWireLength = wireLength;
        int end = offset + capturedLength;
        switch (linkType) {
            case LinkType.ETHERNET:
                return ethernet(data, offset, end, view);
            case LinkType.RAW:
            case LinkType.RAW_BSD_12:
            case LinkType.RAW_BSD_14:
                return byVersion(data, offset, end, view);
            case LinkType.IPV4:
                return ipv4(data, offset, end, view);
            case LinkType.IPV6:
                return ipv6(data, offset, end, view);
            case LinkType.LINUX_SLL:
                return capturedLength < 16 ? DecodeResult.DAMAGED : etherType(u16(data, offset + 14), data, offset + 16, end, view);
            case LinkType.LINUX_SLL2:
                return capturedLength < 20 ? DecodeResult.DAMAGED : etherType(u16(data, offset), data, offset + 20, end, view);
            case LinkType.NULL:
                return capturedLength < 4 ? DecodeResult.DAMAGED : addressFamily(hostOrderFamily(i32le(data, offset)), data, offset + 4, end, view);
            case LinkType.LOOP:
                return capturedLength < 4 ? DecodeResult.DAMAGED : addressFamily(i32(data, offset), data, offset + 4, end, view);
            case LinkType.NFLOG:
                return nflog(data, offset, end, view);
            default:
                return DecodeResult.UNSUPPORTED_LINK;
        }
    }

    private DecodeResult ethernet(byte[] b, int p, int end, PacketView v) {
        if (end - p < 14) {
            return DecodeResult.DAMAGED;
        }
        int type = u16(b, p + 12);
        p += 14;
        if (type <= MAX_802_3_LENGTH) {
            // 802.3 frame with an LLC header: only SNAP can carry an EtherType.
            if (end - p < 8 || (b[p] & 0xff) != 0xAA || (b[p + 1] & 0xff) != 0xAA || b[p + 2] != 3) {
                return DecodeResult.NOT_IP;
            }
            type = u16(b, p + 6);
            p += 8;
        }
        return etherType(type, b, p, end, v);
    }

    private DecodeResult etherType(int type, byte[] b, int p, int end, PacketView v) {
        while (true) {
            switch (type) {
                case ETHERTYPE_IPV4:
                    return ipv4(b, p, end, v);
                case ETHERTYPE_IPV6:
                    return ipv6(b, p, end, v);
                case ETHERTYPE_VLAN:
                case ETHERTYPE_QINQ:
                case ETHERTYPE_QINQ_LEGACY:
                    if (end - p < 4) {
                        return DecodeResult.DAMAGED;
                    }
                    type = u16(b, p + 2);
                    p += 4;
                    break;
                case ETHERTYPE_MPLS:
                case ETHERTYPE_MPLS_MULTICAST:
                    return mpls(b, p, end, v);
                case ETHERTYPE_PPPOE_SESSION:
                    return pppoe(b, p, end, v);
                default:
                    return DecodeResult.NOT_IP;
            }
        }
    }

    private DecodeResult mpls(byte[] b, int p, int end, PacketView v) {
        boolean bottomOfStack;
        do {
            if (end - p < 4) {
                return DecodeResult.DAMAGED;
            }
            bottomOfStack = (b[p + 2] & 1) != 0;
            p += 4;
        } while (!bottomOfStack);
        return byVersion(b, p, end, v);
    }

    private DecodeResult pppoe(byte[] b, int p, int end, PacketView v) {
        if (end - p < 8) {
            return DecodeResult.DAMAGED;
        }
        int pppProtocol = u16(b, p + 6);
        p += 8;
        if (pppProtocol == PPP_IPV4) {
            return ipv4(b, p, end, v);
        }
        return pppProtocol == PPP_IPV6 ? ipv6(b, p, end, v) : DecodeResult.NOT_IP;
    }

    /** DLT_NULL stores the address family in the byte order of the machine that captured. */
    private static int hostOrderFamily(int littleEndianValue) {
        return (littleEndianValue & 0xFFFF0000) != 0 ? Integer.reverseBytes(littleEndianValue) : littleEndianValue;
    }

    private DecodeResult addressFamily(int family, byte[] b, int p, int end, PacketView v) {
        switch (family) {
            case 2: // AF_INET everywhere
                return ipv4(b, p, end, v);
            case 10: // AF_INET6: Linux
            case 24: // OpenBSD, NetBSD
            case 28: // FreeBSD
            case 30: // macOS
                return ipv6(b, p, end, v);
            default:
                return DecodeResult.NOT_IP;
        }
    }

    private DecodeResult nflog(byte[] b, int p, int end, PacketView v) {
        if (end - p < 4) {
            return DecodeResult.DAMAGED;
        }
        int family = b[p] & 0xff;
        int q = p + 4;
        // TLV lengths are in the capturing host's order: little-endian unless that reads as nonsense.
        boolean bigEndian = end - q >= 4 && !plausibleTlvLength(u16le(b, q), end - q);
        while (end - q >= 4) {
            int length = bigEndian ? u16(b, q) : u16le(b, q);
            int type = bigEndian ? u16(b, q + 2) : u16le(b, q + 2);
            if (length < 4) {
                return DecodeResult.DAMAGED;
            }
            if (type == NFULA_PAYLOAD) {
                int payloadEnd = Math.min(end, q + length);
                return family == 2 ? ipv4(b, q + 4, payloadEnd, v)
                        : family == 10 ? ipv6(b, q + 4, payloadEnd, v) : DecodeResult.NOT_IP;
            }
            q += (length + 3) & ~3;
        }
        return DecodeResult.DAMAGED;
    }

    private static boolean plausibleTlvLength(int length, int remaining) {
        return length >= 4 && length <= remaining + 3;
    }

    private DecodeResult byVersion(byte[] b, int p, int end, PacketView v) {
        if (p >= end) {
            return DecodeResult.DAMAGED;
        }
        int version = (b[p] >> 4) & 0x0f;
        if (version == 4) {
            return ipv4(b, p, end, v);
        }
        return version == 6 ? ipv6(b, p, end, v) : DecodeResult.DAMAGED;
    }

    private DecodeResult ipv4(byte[] b, int p, int end, PacketView v) {
        if (end - p < 20) {
            return DecodeResult.DAMAGED;
        }
        int versionAndLength = b[p] & 0xff;
        int headerLength = (versionAndLength & 0x0f) << 2;
        if ((versionAndLength >> 4) != 4 || headerLength < 20) {
            return DecodeResult.DAMAGED;
        }
        int totalLength = u16(b, p + 2);
        if (totalLength < headerLength) {
            return DecodeResult.DAMAGED;
        }
        int flagsAndOffset = u16(b, p + 6);
        v.ipVersion = 4;
        v.ipId = u16(b, p + 4);
        v.fragmentOffset = (flagsAndOffset & 0x1fff) << 3;
        v.moreFragments = (flagsAndOffset & 0x2000) != 0;
        v.ttl = b[p + 8] & 0xff;
        v.protocol = b[p + 9] & 0xff;
        v.src4 = i32(b, p + 12);
        v.dst4 = i32(b, p + 16);
        v.ipLength = totalLength;
        transport(b, p + headerLength, Math.min(end, p + totalLength), v);
        return DecodeResult.IP;
    }

    private DecodeResult ipv6(byte[] b, int p, int end, PacketView v) {
        if (end - p < 40) {
            return DecodeResult.DAMAGED;
        }
        if ((b[p] & 0xf0) != 0x60) {
            return DecodeResult.DAMAGED;
        }
        int payloadLength = u16(b, p + 4);
        v.ipVersion = 6;
        v.ipId = 0;
        v.fragmentOffset = 0;
        v.moreFragments = false;
        v.ttl = b[p + 7] & 0xff;
        v.srcHi = i64(b, p + 8);
        v.srcLo = i64(b, p + 16);
        v.dstHi = i64(b, p + 24);
        v.dstLo = i64(b, p + 32);
        int datagramEnd;
        if (payloadLength == 0) { // a jumbogram, or a zero length we cannot trust
            v.ipLength = lengthOnWire(p);
            datagramEnd = end;
        } else {
            v.ipLength = 40 + payloadLength;
            datagramEnd = Math.min(end, p + 40 + payloadLength);
        }
        int next = b[p + 6] & 0xff;
        int q = p + 40;
        chain:
        while (true) {
            switch (next) {
                case 0:   // hop-by-hop options
                case 60:  // destination options
                    if (datagramEnd - q < 2 || !optionsWellFormed(b, q, datagramEnd)) {
                        break chain;
                    }
                    next = b[q] & 0xff;
                    q += ((b[q + 1] & 0xff) + 1) << 3;
                    break;
                case 43:  // routing
                case 139: // HIP
                case 140: // shim6
                    if (datagramEnd - q < 2) {
                        break chain;
                    }
                    next = b[q] & 0xff;
                    q += ((b[q + 1] & 0xff) + 1) << 3;
                    break;
                case 51:  // authentication header counts in 4-byte units
                    if (datagramEnd - q < 2) {
                        break chain;
                    }
                    next = b[q] & 0xff;
                    q += ((b[q + 1] & 0xff) + 2) << 2;
                    break;
                case 44:  // fragment
                    if (datagramEnd - q < 8) {
                        break chain;
                    }
                    int offsetAndFlags = u16(b, q + 2);
                    v.fragmentOffset = offsetAndFlags & 0xfff8;
                    v.moreFragments = (offsetAndFlags & 1) != 0;
                    v.ipId = i32(b, q + 4);
                    next = b[q] & 0xff;
                    q += 8;
                    if (v.fragmentOffset != 0) {
                        break chain;
                    }
                    break;
                default:
                    break chain;
            }
        }
        v.protocol = next;
        transport(b, q, datagramEnd, v);
        return DecodeResult.IP;
    }

    /**
     * Whether the type-length-value options of a hop-by-hop or destination-options header fit
     * in it. An option whose length runs past its header means the chain cannot be trusted
     * beyond it (tshark stops there too).
     */
    private static boolean optionsWellFormed(byte[] b, int q, int datagramEnd) {
        int headerEnd = q + (((b[q + 1] & 0xff) + 1) << 3);
        int end = Math.min(headerEnd, datagramEnd);
        int o = q + 2;
        while (o + 1 < end) {
            o += b[o] == 0 ? 1 : 2 + (b[o + 1] & 0xff); // Pad1 is a lone byte
        }
        return o <= headerEnd;
    }

    /** The datagram's length when its header's length field cannot be trusted: the frame on the wire minus the link header. */
    private int lengthOnWire(int ipStart) {
        return Math.max(0, viewWireLength - (ipStart - frameStart));
    }

    private static void transport(byte[] b, int t, int end, PacketView v) {
        v.clearTransport();
        int captured = end - t;
        if (v.fragmentOffset != 0 || captured <= 0) {
            return;
        }
        v.transportCaptured = captured;
        switch (v.protocol) {
            case IpProtocol.TCP:
                tcp(b, t, captured, v);
                break;
            case IpProtocol.UDP:
            case IpProtocol.SCTP:
                ports(b, t, captured, v);
                break;
            case IpProtocol.ICMP:
            case IpProtocol.ICMPV6:
                v.icmpType = b[t] & 0xff;
                if (captured >= 2) {
                    v.icmpCode = b[t + 1] & 0xff;
                }
                if (v.protocol == IpProtocol.ICMP && IpProtocol.isIcmpError(v.icmpType) && captured >= 8 + 20 && (b[t + 8] & 0xf0) == 0x40) {
                    quote(b, t + 8, captured - 8, v);
                }
                break;
            default:
                break;
        }
    }

    /** The IPv4 packet an ICMP error quotes: its protocol, destination and, if captured, destination port. */
    private static void quote(byte[] b, int q, int captured, PacketView v) {
        v.quotedProtocol = b[q + 9] & 0xff;
        v.quotedDst4 = i32(b, q + 16);
        int headerLength = (b[q] & 0x0f) * 4;
        boolean first = (u16(b, q + 6) & 0x1fff) == 0;
        if (first && headerLength >= 20 && IpProtocol.hasPorts(v.quotedProtocol) && captured >= headerLength + 4) {
            v.quotedDstPort = u16(b, q + headerLength + 2);
        }
    }

    private static void ports(byte[] b, int t, int captured, PacketView v) {
        if (captured >= 4) {
            v.srcPort = u16(b, t);
            v.dstPort = u16(b, t + 2);
        }
    }

    private static void tcp(byte[] b, int t, int captured, PacketView v) {
        ports(b, t, captured, v);
        if (captured >= 8) {
            v.tcpSeq = i32(b, t + 4);
        }
        if (captured >= 12) {
            v.tcpAck = i32(b, t + 8);
        }
        if (captured >= 14) {
            v.tcpHeaderLength = ((b[t + 12] >> 4) & 0x0f) << 2;
            v.tcpFlags = (b[t + 13] & 0xff) | ((b[t + 12] & 1) << 8);
        }
        if (captured >= 16) {
            v.tcpWindow = u16(b, t + 14);
        }
        if (v.tcpHeaderLength > 20 && captured > 20) {
            v.frame = b;
            v.tcpOptionsStart = t + 20;
            v.tcpOptionsEnd = t + Math.min(captured, v.tcpHeaderLength);
        }
    }
}
