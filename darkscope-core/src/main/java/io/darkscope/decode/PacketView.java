package io.darkscope.decode;

/**
 * One decoded packet: a mutable view that the decoder refills for every record, so that the
 * hot path allocates nothing. Fields that the capture did not contain (a header cut by the
 * snap length, a later fragment) read as absent: ports as {@code -1}, TCP fields as 0 with
 * {@link #transportCaptured()} telling how many transport-header bytes were present. TCP
 * options are read from the frame's bytes when first asked for, so they are valid only until the
 * next frame is decoded.
 */
public final class PacketView {
    /** TCP option kinds listed at most. */
    public static final int MAX_OPTION_KINDS = 8;

    long timestampNanos;
    int wireLength;
    int ipVersion;
    int src4;
    int dst4;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int protocol;
    int ipLength;
    int ttl;
    int ipId;
    int fragmentOffset;
    boolean moreFragments;
    int transportCaptured;
    int srcPort;
    int dstPort;
    int tcpFlags;
    int tcpSeq;
    int tcpAck;
    int tcpWindow;
    int tcpHeaderLength;
    /** The frame's bytes and where the captured TCP options lie in them, read only when asked. */
    byte[] frame;
    int tcpOptionsStart;
    int tcpOptionsEnd;
    private boolean optionsRead;
    private int tcpMss;
    private int tcpWindowScale;
    private long tcpOptionKinds;
    private int tcpOptionCount;
    int icmpType;
    int icmpCode;
    int quotedDst4;
    int quotedProtocol;
    int quotedDstPort;

    void clearTransport() {
        transportCaptured = 0;
        srcPort = -1;
        dstPort = -1;
        tcpFlags = 0;
        tcpSeq = 0;
        tcpAck = 0;
        tcpWindow = 0;
        tcpHeaderLength = 0;
        tcpOptionsStart = 0;
        tcpOptionsEnd = 0;
        optionsRead = false;
        icmpType = -1;
        icmpCode = -1;
        quotedProtocol = -1;
        quotedDstPort = -1;
    }

    /** Capture time in nanoseconds since the Unix epoch. */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** Capture time in whole seconds since the Unix epoch. */
    public long epochSecond() {
        return Math.floorDiv(timestampNanos, 1_000_000_000L);
    }

    /** Length of the frame on the wire, as the capture header states it. */
    public int wireLength() {
        return wireLength;
    }

    /** 4 or 6. */
    public int ipVersion() {
        return ipVersion;
    }

    public boolean isIpv4() {
        return ipVersion == 4;
    }

    /** IPv4 source address as a 32-bit integer (network order of bits). */
    public int src4() {
        return src4;
    }

    /** IPv4 destination address as a 32-bit integer. */
    public int dst4() {
        return dst4;
    }

    /** High 64 bits of the IPv6 source address. */
    public long srcHi() {
        return srcHi;
    }

    /** Low 64 bits of the IPv6 source address. */
    public long srcLo() {
        return srcLo;
    }

    /** High 64 bits of the IPv6 destination address. */
    public long dstHi() {
        return dstHi;
    }

    /** Low 64 bits of the IPv6 destination address. */
    public long dstLo() {
        return dstLo;
    }

    /** IP protocol number of the upper layer (after any IPv6 extension headers). */
    public int protocol() {
        return protocol;
    }

    /** Length of the IP datagram as its header states it (IPv4 total length, IPv6 40 + payload length). */
    public int ipLength() {
        return ipLength;
    }

    public int ttl() {
        return ttl;
    }

    /** IPv4 identification field (for IPv6, the fragment header's identification, else 0). */
    public int ipId() {
        return ipId;
    }

    /** Fragment offset in bytes; non-zero for every fragment but the first. */
    public int fragmentOffset() {
        return fragmentOffset;
    }

    public boolean moreFragments() {
        return moreFragments;
    }

    /** True for a fragment other than the first: it carries no transport header. */
    public boolean isLaterFragment() {
        return fragmentOffset != 0;
    }

    /** Number of transport-header bytes present in the capture (0 for a later fragment). */
    public int transportCaptured() {
        return transportCaptured;
    }

    /** Source port, or -1 when absent. */
    public int srcPort() {
        return srcPort;
    }

    /** Destination port, or -1 when absent (no ports in the protocol, a later fragment, a cut header). */
    public int dstPort() {
        return dstPort;
    }

    /** TCP flags (FIN=0x01 ... CWR=0x80, NS=0x100). */
    public int tcpFlags() {
        return tcpFlags;
    }

    public int tcpSeq() {
        return tcpSeq;
    }

    public int tcpAck() {
        return tcpAck;
    }

    public int tcpWindow() {
        return tcpWindow;
    }

    /** TCP header length in bytes from the data-offset field (20 without options). */
    public int tcpHeaderLength() {
        return tcpHeaderLength;
    }

    /** The MSS option's value, or -1 without the option (or when it was not captured). */
    public int tcpMss() {
        readOptions();
        return tcpMss;
    }

    /** The window scale option's shift count, or -1 without the option. */
    public int tcpWindowScale() {
        readOptions();
        return tcpWindowScale;
    }

    /**
     * The kinds of the TCP options in the order they come, one byte each from the lowest
     * ({@code kind(i) = kinds >>> 8 * i & 0xff}), the first {@value #MAX_OPTION_KINDS} of them;
     * the end-of-list option and what follows it are not listed.
     */
    public long tcpOptionKinds() {
        readOptions();
        return tcpOptionKinds;
    }

    /** How many option kinds {@link #tcpOptionKinds} holds. */
    public int tcpOptionCount() {
        readOptions();
        return tcpOptionCount;
    }

    /**
     * Walks the captured options once, when first asked: NOP is one byte, every other option
     * but end-of-list states its length; a length below 2 or past the header ends the walk, as
     * tshark's does.
     */
    private void readOptions() {
        if (optionsRead) {
            return;
        }
        optionsRead = true;
        tcpMss = -1;
        tcpWindowScale = -1;
        tcpOptionKinds = 0;
        tcpOptionCount = 0;
        int o = tcpOptionsStart;
        while (o < tcpOptionsEnd) {
            int kind = frame[o] & 0xff;
            if (kind == 0) {
                return;
            }
            if (tcpOptionCount < MAX_OPTION_KINDS) {
                tcpOptionKinds |= (long) kind << 8 * tcpOptionCount++;
            }
            if (kind == 1) {
                o++;
                continue;
            }
            int length = o + 1 < tcpOptionsEnd ? frame[o + 1] & 0xff : 0;
            if (length < 2 || o + length > tcpOptionsEnd) {
                return;
            }
            if (kind == 2 && length == 4) {
                tcpMss = (frame[o + 2] & 0xff) << 8 | (frame[o + 3] & 0xff);
            } else if (kind == 3 && length == 3) {
                tcpWindowScale = frame[o + 2] & 0xff;
            }
            o += length;
        }
    }

    /** ICMP or ICMPv6 type, or -1. */
    public int icmpType() {
        return icmpType;
    }

    /** ICMP or ICMPv6 code, or -1. */
    public int icmpCode() {
        return icmpCode;
    }

    /** Whether this is an ICMP error quoting an IPv4 packet whose header was captured. */
    public boolean hasQuote() {
        return quotedProtocol >= 0;
    }

    /** The destination of the packet an ICMP error quotes: for backscatter, the DoS victim. */
    public int quotedDst4() {
        return quotedDst4;
    }

    /** The destination port of the packet an ICMP error quotes (the victim's attacked service), or -1 if not captured. */
    public int quotedDstPort() {
        return quotedDstPort;
    }
}
