package io.darkscope.capture;

import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.LinkType;

import java.util.Arrays;

import static io.darkscope.decode.Bytes.i64;
import static io.darkscope.decode.Bytes.putI32;
import static io.darkscope.decode.Bytes.putI64;
import static io.darkscope.decode.Bytes.putU16;
import static io.darkscope.decode.Bytes.u16;

/**
 * Crafts frames byte for byte: Ethernet (optionally 802.1Q-tagged) or raw IP, IPv4 or IPv6,
 * then TCP (with options), UDP, ICMP/ICMPv6 or any protocol, with correct checksums. The
 * simulator and the tests write captures with it. Set what differs from the defaults, then
 * {@link #build}; the builder can be reused after {@link #reset}.
 */
public final class FrameBuilder {
    private static final byte[] NO_BYTES = new byte[0];

    private int linkType;
    private int vlan;
    private int version;
    private int src4;
    private int dst4;
    private long srcHi;
    private long srcLo;
    private long dstHi;
    private long dstLo;
    private int ttl;
    private int ipId;
    private int fragmentOffset;
    private boolean moreFragments;
    private boolean dontFragment;
    private int protocol;
    private int srcPort;
    private int dstPort;
    private int seq;
    private int ack;
    private int flags;
    private int window;
    private byte[] tcpOptions;
    private int icmpType;
    private int icmpCode;
    private byte[] payload;

    public FrameBuilder() {
        reset();
    }

    /** Back to an Ethernet IPv4 packet with TTL 64 and nothing else set. */
    public FrameBuilder reset() {
        linkType = LinkType.ETHERNET;
        vlan = -1;
        version = 4;
        ttl = 64;
        ipId = 0;
        fragmentOffset = 0;
        moreFragments = false;
        dontFragment = false;
        protocol = IpProtocol.TCP;
        srcPort = 0;
        dstPort = 0;
        seq = 0;
        ack = 0;
        flags = 0;
        window = 0;
        tcpOptions = NO_BYTES;
        icmpType = 0;
        icmpCode = 0;
        payload = NO_BYTES;
        return this;
    }

    /** {@link LinkType#ETHERNET} or {@link LinkType#RAW}. */
    public FrameBuilder linkType(int type) {
        if (type != LinkType.ETHERNET && type != LinkType.RAW) {
            throw new IllegalArgumentException("frames are Ethernet or raw IP");
        }
        linkType = type;
        return this;
    }

    /** Adds an 802.1Q tag (Ethernet only). */
    public FrameBuilder vlan(int id) {
        vlan = id;
        return this;
    }

    public FrameBuilder ipv4(int source, int destination) {
        version = 4;
        src4 = source;
        dst4 = destination;
        return this;
    }

    public FrameBuilder ipv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
        version = 6;
        srcHi = sourceHigh;
        srcLo = sourceLow;
        dstHi = destinationHigh;
        dstLo = destinationLow;
        return this;
    }

    public FrameBuilder ttl(int value) {
        ttl = value;
        return this;
    }

    public FrameBuilder ipId(int value) {
        ipId = value;
        return this;
    }

    /** Sets IPv4's don't-fragment flag, as most stacks do on TCP. */
    public FrameBuilder dontFragment() {
        dontFragment = true;
        return this;
    }

    /** Makes this a fragment at {@code offsetBytes} (a multiple of 8); IPv4 only. */
    public FrameBuilder fragment(int offsetBytes, boolean more) {
        fragmentOffset = offsetBytes;
        moreFragments = more;
        return this;
    }

    public FrameBuilder tcp(int sourcePort, int destinationPort, int sequence, int acknowledgement, int tcpFlags, int tcpWindow) {
        protocol = IpProtocol.TCP;
        srcPort = sourcePort;
        dstPort = destinationPort;
        seq = sequence;
        ack = acknowledgement;
        flags = tcpFlags;
        window = tcpWindow;
        return this;
    }

    /** TCP options, padded with zeros to a multiple of four bytes; the array is not copied when it needs no padding. */
    public FrameBuilder tcpOptions(byte... options) {
        tcpOptions = (options.length & 3) == 0 ? options : Arrays.copyOf(options, (options.length + 3) & ~3);
        return this;
    }

    public FrameBuilder udp(int sourcePort, int destinationPort) {
        protocol = IpProtocol.UDP;
        srcPort = sourcePort;
        dstPort = destinationPort;
        return this;
    }

    /** ICMP for IPv4, ICMPv6 for IPv6. */
    public FrameBuilder icmp(int type, int code) {
        protocol = version == 6 ? IpProtocol.ICMPV6 : IpProtocol.ICMP;
        icmpType = type;
        icmpCode = code;
        return this;
    }

    /** Any other IP protocol; the payload follows the IP header directly. */
    public FrameBuilder protocol(int number) {
        protocol = number;
        return this;
    }

    public FrameBuilder payload(byte[] bytes) {
        payload = bytes;
        return this;
    }

    /** Length of the frame {@link #build} will write. */
    public int length() {
        return linkHeaderLength() + (version == 4 ? 20 : 40) + transportLength() + payload.length;
    }

    /** Writes the frame at the start of {@code out} and returns its length. */
    public int build(byte[] out) {
        int p = linkHeader(out);
        int ipStart = p;
        int transportLength = transportLength() + payload.length;
        p = version == 4 ? ipv4Header(out, p, transportLength) : ipv6Header(out, p, transportLength);
        int t = p;
        transport(out, t);
        System.arraycopy(payload, 0, out, t + transportLength(), payload.length);
        checksum(out, ipStart, t, transportLength);
        return t + transportLength;
    }

    /** A new array holding the frame. */
    public byte[] build() {
        byte[] out = new byte[length()];
        build(out);
        return out;
    }

    private int linkHeaderLength() {
        return linkType == LinkType.RAW ? 0 : vlan >= 0 ? 18 : 14;
    }

    private int transportLength() {
        if (fragmentOffset != 0) {
            return 0;
        }
        switch (protocol) {
            case IpProtocol.TCP: return 20 + tcpOptions.length;
            case IpProtocol.UDP: return 8;
            case IpProtocol.ICMP:
            case IpProtocol.ICMPV6: return 8;
            default: return 0;
        }
    }

    private int linkHeader(byte[] out) {
        if (linkType == LinkType.RAW) {
            return 0;
        }
        // locally administered MAC addresses: 02:00:00:00:00:01 -> 02:00:00:00:00:02
        Arrays.fill(out, 0, 12, (byte) 0);
        out[0] = 2;
        out[5] = 2;
        out[6] = 2;
        out[11] = 1;
        int p = 12;
        if (vlan >= 0) {
            putU16(out, p, 0x8100);
            putU16(out, p + 2, vlan & 0x0fff);
            p += 4;
        }
        putU16(out, p, version == 4 ? 0x0800 : 0x86DD);
        return p + 2;
    }

    private int ipv4Header(byte[] out, int p, int transportLength) {
        out[p] = 0x45;
        out[p + 1] = 0;
        putU16(out, p + 2, 20 + transportLength);
        putU16(out, p + 4, ipId);
        putU16(out, p + 6, (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | (fragmentOffset >> 3));
        out[p + 8] = (byte) ttl;
        out[p + 9] = (byte) protocol;
        putU16(out, p + 10, 0);
        putI32(out, p + 12, src4);
        putI32(out, p + 16, dst4);
        putU16(out, p + 10, ~sum(out, p, 20, 0) & 0xffff);
        return p + 20;
    }

    private int ipv6Header(byte[] out, int p, int transportLength) {
        putI32(out, p, 0x60000000);
        putU16(out, p + 4, transportLength);
        out[p + 6] = (byte) protocol;
        out[p + 7] = (byte) ttl;
        putI64(out, p + 8, srcHi);
        putI64(out, p + 16, srcLo);
        putI64(out, p + 24, dstHi);
        putI64(out, p + 32, dstLo);
        return p + 40;
    }

    private void transport(byte[] out, int t) {
        if (fragmentOffset != 0) {
            return;
        }
        switch (protocol) {
            case IpProtocol.TCP:
                putU16(out, t, srcPort);
                putU16(out, t + 2, dstPort);
                putI32(out, t + 4, seq);
                putI32(out, t + 8, ack);
                out[t + 12] = (byte) (((20 + tcpOptions.length) / 4) << 4 | (flags >> 8 & 1));
                out[t + 13] = (byte) flags;
                putU16(out, t + 14, window);
                putU16(out, t + 16, 0);
                putU16(out, t + 18, 0);
                System.arraycopy(tcpOptions, 0, out, t + 20, tcpOptions.length);
                break;
            case IpProtocol.UDP:
                putU16(out, t, srcPort);
                putU16(out, t + 2, dstPort);
                putU16(out, t + 4, 8 + payload.length);
                putU16(out, t + 6, 0);
                break;
            case IpProtocol.ICMP:
            case IpProtocol.ICMPV6:
                out[t] = (byte) icmpType;
                out[t + 1] = (byte) icmpCode;
                putU16(out, t + 2, 0);
                putI32(out, t + 4, 0);
                break;
            default:
                break;
        }
    }

    private void checksum(byte[] out, int ipStart, int t, int length) {
        int field;
        switch (protocol) {
            case IpProtocol.TCP: field = 16; break;
            case IpProtocol.UDP: field = 6; break;
            case IpProtocol.ICMP: field = 2; break;
            case IpProtocol.ICMPV6: field = 2; break;
            default: return;
        }
        if (fragmentOffset != 0) {
            return;
        }
        int initial = protocol == IpProtocol.ICMP ? 0 : pseudoHeader(out, ipStart, length);
        int checksum = ~sum(out, t, length, initial) & 0xffff;
        if (checksum == 0 && protocol == IpProtocol.UDP) {
            checksum = 0xffff;
        }
        putU16(out, t + field, checksum);
    }

    private int pseudoHeader(byte[] out, int ipStart, int length) {
        int s = version == 4 ? sum(out, ipStart + 12, 8, 0) : sum(out, ipStart + 8, 32, 0);
        return s + protocol + length;
    }

    /** The one's-complement sum of RFC 1071, eight bytes at a time (wider words fold to the same 16 bits). */
    private static int sum(byte[] b, int from, int length, int initial) {
        long s = initial;
        int i = from;
        for (int end = from + (length & ~7); i < end; i += 8) {
            long v = i64(b, i);
            s += (v >>> 32) + (v & 0xffffffffL);
            s = (s & 0xffffffffL) + (s >>> 32);
        }
        for (int end = from + (length & ~1); i < end; i += 2) {
            s += u16(b, i);
        }
        if ((length & 1) != 0) {
            s += (b[i] & 0xff) << 8;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
