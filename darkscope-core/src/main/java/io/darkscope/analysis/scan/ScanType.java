package io.darkscope.analysis.scan;

import io.darkscope.classify.TrafficClass;
import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.PacketView;

/**
 * The traffic types activity is kept by, after Merit ORION's scan events: TCP SYN scans and UDP
 * probes by destination port, ICMP (echo requests and other non-replies) by ICMP type, and
 * everything else (backscatter, TCP flags no stack sends, other protocols, later fragments) by IP
 * protocol. A type and its number (port, ICMP type or protocol) make one 19-bit code.
 */
public enum ScanType {
    SYN("tcp-syn"), UDP("udp"), ICMP("icmp"), OTHER("other");

    private static final ScanType[] VALUES = values();
    private static final int NUMBER_BITS = 17;

    private final String label;

    ScanType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the type is scanning (its keys are scan events): SYN, UDP and ICMP. */
    public boolean scanning() {
        return this != OTHER;
    }

    /** The code of an IPv4 packet: its type and its port, ICMP type or protocol (-1 when not captured). */
    static int code(PacketView p, TrafficClass trafficClass) {
        if (trafficClass == TrafficClass.SCAN) {
            return code(SYN, p.dstPort());
        }
        if (trafficClass != TrafficClass.BACKSCATTER && p.protocol() == IpProtocol.UDP) {
            return code(UDP, p.dstPort());
        }
        if (trafficClass != TrafficClass.BACKSCATTER && p.protocol() == IpProtocol.ICMP) {
            return code(ICMP, p.icmpType());
        }
        return code(OTHER, p.protocol());
    }

    static int code(ScanType type, int number) {
        return type.ordinal() << NUMBER_BITS | (number + 1);
    }

    /** The type of a code. */
    public static ScanType of(int code) {
        return VALUES[code >>> NUMBER_BITS];
    }

    /** The port, ICMP type or protocol of a code, -1 if it was not captured. */
    public static int number(int code) {
        return (code & ((1 << NUMBER_BITS) - 1)) - 1;
    }
}
