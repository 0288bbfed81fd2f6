package io.darkscope.analysis.fingerprint;

import io.darkscope.decode.PacketView;
import io.darkscope.decode.TcpFlags;

/**
 * Scanner fingerprints: rules that recognise a tool from the fields of its TCP SYNs. Rules that
 * a random field meets by chance (an IP ID of 54321 once in 65,536 packets) are decided per
 * source over all its SYNs of the day, by {@link #beyondChance}, never per packet and never by
 * the order in which packets came.
 */
public enum Fingerprint {
    /**
     * Mirai and its variants ({@code mirai/bot/scanner.c}): a TCP SYN with no options whose
     * sequence number is its destination address, to 23 or 2323/TCP. A random sequence number
     * matches by chance once in 2^32 packets, so the rule holds packet by packet.
     */
    MIRAI("mirai", "TCP SYN, no options, sequence number = destination address, to 23 or 2323/TCP (Mirai, scanner.c)"),
    /** A Mirai source whose IP ID took two values or more over its packets of the day: the source leaked in September 2016. */
    MIRAI_LEAKED("mirai/leaked", "Mirai with a random IP ID per packet, as leaked in September 2016"),
    /** A Mirai source whose IP ID stayed the same over two or more packets: the variant seen from August 2016. */
    MIRAI_EARLY("mirai/early", "Mirai with one IP ID for all its packets (two or more), the variant of August 2016"),
    /** A Mirai source seen once that day: its variant cannot be told. */
    MIRAI_UNDETERMINED("mirai/undetermined", "Mirai source with a single packet that day: variant unknown"),
    /**
     * ZMap up to 4.0 ({@code packet.c}: IP ID 54321). ZMap 4.1 and later randomise the IP ID and
     * are not recognised by this rule.
     */
    ZMAP("zmap", "TCP SYNs with IP ID 54321 (ZMap up to 4.0; 4.1 and later randomise it), far more of them than chance gives"),
    /** masscan ({@code templ-pkt.c}): IP ID = (destination ^ destination port ^ sequence) & 0xffff. */
    MASSCAN("masscan", "TCP SYNs with IP ID = (dst ^ dport ^ seq) & 0xffff (masscan), far more of them than chance gives");

    /** Marked SYNs a source must send at least, for the rules a random field can meet by chance. */
    public static final int MINIMUM_EVIDENCE = 2;
    /**
     * How unlikely the marks must be by chance, per source and day: with 10^5 sources a day whose
     * IP IDs are random, one false ZMap or masscan source every thousand days.
     */
    public static final double CHANCE = 1e-8;
    private static final double LOG_CHANCE = Math.log(CHANCE);
    private static final int ZMAP_IP_ID = 54321;
    /** Odds that a random 16-bit IP ID carries a given mark. */
    private static final double MARK_ODDS = 1.0 / 65536;

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

    /** The Mirai rule, for a TCP SYN scan whose whole TCP header was captured. */
    public static boolean mirai(PacketView p) {
        return p.tcpFlags() == TcpFlags.SYN && p.tcpHeaderLength() == 20 && p.tcpSeq() == p.dst4()
                && (p.dstPort() == 23 || p.dstPort() == 2323);
    }

    /** The ZMap mark. */
    public static boolean zmapIpId(PacketView p) {
        return p.ipId() == ZMAP_IP_ID;
    }

    /** The masscan mark. */
    public static boolean masscanIpId(PacketView p) {
        return p.ipId() == ((p.dst4() ^ p.dstPort() ^ p.tcpSeq()) & 0xffff);
    }

    /**
     * Whether {@code marked} of a source's {@code syns} SYNs carrying a tool's mark is beyond what
     * random IP IDs explain: at least {@link #MINIMUM_EVIDENCE} marks, and a chance below
     * {@link #CHANCE} that random IDs give as many. The chance is bounded by the Poisson tail,
     * P(X >= m) <= lambda^m / m! with lambda = syns / 65,536. Other SYNs of the source do not
     * undo the evidence (NAT, or one host running two tools): 2 marks of 3 SYNs are evidence,
     * 2 of 1,000 are not, 30 of 5,000 are.
     */
    public static boolean beyondChance(long marked, long syns) {
        if (marked < MINIMUM_EVIDENCE) {
            return false;
        }
        double lambda = syns * MARK_ODDS;
        return marked * Math.log(lambda) - logFactorial(marked) < LOG_CHANCE;
    }

    /** ln(n!): exact to 20, Stirling's series beyond (its error is below 1/(12n)). */
    private static double logFactorial(long n) {
        if (n > 20) {
            return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1.0 / (12 * n);
        }
        double sum = 0;
        for (int k = 2; k <= n; k++) {
            sum += Math.log(k);
        }
        return sum;
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
