package io.darkscope.classify;

import io.darkscope.decode.PacketView;
import io.darkscope.decode.TcpFlags;

/**
 * Scanner fingerprints: rules that recognise a tool from the fields of its packets. Rules that
 * a random field meets by chance (an IP ID of 54321 once in 65,536 packets) are decided per
 * source over its packets of the day, with a minimum of evidence, never per single packet.
 */
public enum Fingerprint {
    /**
     * Mirai and its variants ({@code mirai/bot/scanner.c}): a TCP SYN with no options whose
     * sequence number is its destination address, to 23 or 2323/TCP. A random sequence number
     * matches by chance once in 2^32 packets, so the rule holds packet by packet.
     */
    MIRAI("mirai", "TCP SYN, no options, sequence number = destination address, to 23 or 2323/TCP (Mirai, scanner.c)"),
    /** A Mirai source whose IP ID varied across its packets of the day: the source leaked in September 2016. */
    MIRAI_LEAKED("mirai/leaked", "Mirai with a random IP ID per packet, as leaked in September 2016"),
    /** A Mirai source whose IP ID stayed the same over two or more packets: the variant seen from August 2016. */
    MIRAI_EARLY("mirai/early", "Mirai with one IP ID for all its packets (two or more), the variant of August 2016"),
    /** A Mirai source seen once that day: its variant cannot be told. */
    MIRAI_UNDETERMINED("mirai/undetermined", "Mirai source with a single packet that day: variant unknown"),
    /**
     * ZMap up to 4.0 ({@code packet.c}: IP ID 54321). ZMap 4.1 and later randomise the IP ID and
     * are not recognised by this rule. A source counts if at least two of its SYNs carry 54321
     * and none does not after its first that does (a random IP ID does so with odds near 2^-32).
     */
    ZMAP("zmap", "TCP SYN with IP ID 54321 from ZMap up to 4.0 (4.1 and later randomise it), 2+ packets, no other ID"),
    /**
     * masscan ({@code templ-pkt.c}): IP ID = (destination ^ destination port ^ sequence) & 0xffff,
     * with the same minimum of evidence as ZMap.
     */
    MASSCAN("masscan", "TCP SYN with IP ID = (dst ^ dport ^ seq) & 0xffff (masscan), 2+ packets, no other ID");

    /** Packets a source must match at least, for the rules a random field can meet by chance. */
    public static final int MINIMUM_EVIDENCE = 2;
    private static final int ZMAP_IP_ID = 54321;

    private final String label;
    private final String description;

    Fingerprint(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** What the rules judge: a scan (a TCP SYN without ACK or RST) over IPv4 whose whole TCP header was captured. */
    public static boolean isSyn(PacketView p, TrafficClass trafficClass) {
        return trafficClass == TrafficClass.SCAN && p.isIpv4() && p.transportCaptured() >= 20;
    }

    /** The Mirai rule, for a packet that {@link #isSyn} passed. */
    public static boolean mirai(PacketView p) {
        return p.tcpFlags() == TcpFlags.SYN && p.tcpHeaderLength() == 20 && p.tcpSeq() == p.dst4()
                && (p.dstPort() == 23 || p.dstPort() == 2323);
    }

    /** The ZMap packet test, for a packet that {@link #isSyn} passed. */
    public static boolean zmapIpId(PacketView p) {
        return p.ipId() == ZMAP_IP_ID;
    }

    /** The masscan packet test, for a packet that {@link #isSyn} passed. */
    public static boolean masscanIpId(PacketView p) {
        return p.ipId() == ((p.dst4() ^ p.dstPort() ^ p.tcpSeq()) & 0xffff);
    }

    /** The fingerprint of a label, e.g. "mirai/early". */
    public static Fingerprint byLabel(String label) {
        for (Fingerprint f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fingerprint " + label);
    }
}
