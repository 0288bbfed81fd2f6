package io.darkscope.analysis.scan;

import java.util.List;

/** The rows the scan queries answer with; the CLI and the HTTP API print them as they are. */
public final class ScanRows {
    private ScanRows() {
    }

    /**
     * A scan event: one source's packets of one type to one port (or ICMP type), with no gap of
     * more than the idle timeout between two of them. Times to the second, in the store's zone.
     *
     * @param port                 the destination port (tcp-syn, udp) or ICMP type (icmp), null if not captured
     * @param coverage             distinct destinations over the IPv4 addresses monitored on the scan's first day
     * @param packetsPerSecond     packets over the duration (a second at least)
     * @param estimatedInternetPps that rate scaled by 2^32 over the monitored addresses: the scan's rate over all of IPv4
     * @param signatures           the SYN signatures of its packets ({@link SynSignature})
     * @param tools                the families of those signatures and the source's fingerprints that day
     * @param country              the source's country at query time (null without GeoIP data asked)
     * @param network              the source's AS ("AS4713 NTT...") at query time
     */
    public record Scan(String source, Integer port, String type, String first, String last, long durationSeconds, long packets,
                       long bytes, long destinations, long slash24s, double coverage, double packetsPerSecond,
                       double estimatedInternetPps, List<String> signatures, List<String> tools, String country, String network) {
        /** The same scan, attributed. */
        public Scan withGeo(String countryCode, String as) {
            return new Scan(source, port, type, first, last, durationSeconds, packets, bytes, destinations, slash24s, coverage,
                    packetsPerSecond, estimatedInternetPps, signatures, tools, countryCode, as);
        }
    }

    /**
     * A source that reached at least a tenth of the darknet's IPv4 addresses within one clock hour
     * (CAIDA's criterion for a large-scale scanner), in any traffic.
     *
     * @param hour       the hour's start, in the store's zone
     * @param threshold  a tenth of the addresses monitored that day, rounded up
     */
    public record LargeScanner(String source, String hour, long destinations, long threshold) {
    }

    /** A SYN signature's distinct sources and packets (over one port, or every port), and its share of the sources with SYNs. */
    public record Signature(String signature, String family, long sources, long packets, double share) {
    }
}
