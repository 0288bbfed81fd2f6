package io.darkscope.analysis.scan;

import io.darkscope.analysis.fingerprint.Fingerprint;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.analysis.traffic.ProtocolClass;
import io.darkscope.analysis.traffic.TrafficKey;
import io.darkscope.decode.IpProtocol;
import io.darkscope.pipeline.Day;
import io.darkscope.store.Store;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is cut from the activity records at query time: scan events (Merit ORION's definition,
 * per source, type and port with an idle timeout), large-scale scanners (CAIDA's: a tenth of the
 * darknet in an hour), the SYN signatures per port, and the packets of given sources. The
 * records hold IPv4 traffic only.
 */
public final class ScanQueries {
    /** Merit ORION's idle timeout: a scan ends after this long without a packet. */
    public static final int TIMEOUT_SECONDS = 624;
    /** The share of the darknet's addresses a large-scale scanner reaches within an hour. */
    public static final double LARGE_SHARE = 0.1;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final double IPV4 = 4_294_967_296.0;

    private final Store store;
    private final ZoneId zone;
    private final DayRecords records;

    public ScanQueries(Store store) throws SQLException {
        this.store = store;
        this.zone = store.zone().orElse(ZoneOffset.UTC);
        this.records = new DayRecords(store, zone);
    }

    /**
     * Which scans to list.
     *
     * @param from            first day a scan may start on (null: open)
     * @param to              last day a scan may start on (null: open)
     * @param port            only this port (or ICMP type), null for all
     * @param type            only this type, null for the scanning types (tcp-syn, udp, icmp)
     * @param tool            only scans with this tool among theirs ("zmap" matches "scanner/zmap" and "zmap")
     * @param minDestinations fewest distinct destinations
     * @param minCoverage     smallest share of the darknet reached
     * @param timeoutSeconds  the idle timeout, at least the records' 600-second buckets
     */
    public record Filter(LocalDate from, LocalDate to, Integer port, ScanType type, String tool, long minDestinations,
                         double minCoverage, long timeoutSeconds) {
        public Filter {
            if (timeoutSeconds < ScanRecord.BUCKET_SECONDS) {
                throw new IllegalArgumentException("the idle timeout must be at least " + ScanRecord.BUCKET_SECONDS
                        + " s, the activity's buckets");
            }
        }

        boolean accepts(int code) {
            ScanType t = ScanType.of(code);
            return (type == null ? t.scanning() : t == type) && (port == null || ScanType.number(code) == port);
        }
    }

    /** The scans starting in the range that pass the filter, by first packet. */
    public List<ScanRows.Scan> scans(Filter filter) throws SQLException {
        List<LocalDate> days = days(filter.from() == null ? null : filter.from().minusDays(1), filter.to() == null ? null : filter.to().plusDays(1));
        List<ScanRows.Scan> found = Collections.synchronizedList(new ArrayList<>());
        boolean quietKeysCannotMatch = filter.minDestinations() >= QuietKeys.PACKETS && filter.timeoutSeconds() <= QuietKeys.EDGE_SECONDS;
        Map<LocalDate, Long> monitored = new HashMap<>();
        Map<LocalDate, Map<String, ImmutableRoaringBitmap>> fingerprints = new HashMap<>();
        ScanCutter.Sink sink = s -> {
            if (s.destinationCount < filter.minDestinations()) { // destinations with repeats: no fewer than the distinct ones
                return;
            }
            LocalDate first = LocalDate.ofInstant(Instant.ofEpochSecond(s.first), zone);
            if ((filter.from() != null && first.isBefore(filter.from())) || (filter.to() != null && first.isAfter(filter.to()))) {
                return;
            }
            long addresses = monitored.getOrDefault(first, 0L);
            long slash24s = s.distinct(); // the destinations counted once from here on
            if (s.destinationCount >= filter.minDestinations() && coverage(s.destinationCount, addresses) >= filter.minCoverage()) {
                ScanRows.Scan scan = row(s, slash24s, addresses, fingerprints(fingerprints, first)); // only then: a row takes time
                if (filter.tool() == null || scan.tools().stream().anyMatch(t -> matches(t, filter.tool()))) {
                    found.add(scan);
                }
            }
        };
        ScanCutter[] cutters = new ScanCutter[RecordWriter.RANGES]; // a range's sources are its own: each is cut apart, on every core
        for (int range = 0; range < cutters.length; range++) {
            cutters[range] = new ScanCutter(filter.timeoutSeconds(), filter.minDestinations(), sink);
        }
        try (RangeWork work = new RangeWork("darkscope-scans")) {
            for (int i = 0; i < days.size(); i++) {
                LocalDate date = days.get(i);
                Day day = Day.of(zone, date);
                boolean nextDayFollows = i + 1 < days.size() && days.get(i + 1).equals(date.plusDays(1));
                monitored.put(date, records.monitored(date));
                DayScans state = records.day(date, quietKeysCannotMatch);
                work.forEachRange(range -> {
                    ScanCutter cutter = cutters[range];
                    cutter.startDay(day.startEpochSecond(), day.endEpochSecond(), nextDayFollows);
                    state.forEach(range, r -> {
                        if (filter.accepts(r.code)) {
                            cutter.record(r);
                        }
                    });
                    cutter.endDay();
                });
            }
        }
        for (ScanCutter cutter : cutters) {
            cutter.finish();
        }
        found.sort(Comparator.comparing(ScanRows.Scan::first).thenComparing(ScanRows.Scan::source).thenComparing(ScanRows.Scan::type)
                .thenComparing(ScanRows.Scan::port, Comparator.nullsFirst(Comparator.naturalOrder())));
        return found;
    }

    /** The share of the monitored addresses reached (0 when none were monitored). */
    private static double coverage(long destinations, long monitored) {
        return monitored == 0 ? 0 : destinations / (double) monitored;
    }

    private static boolean matches(String tool, String wanted) {
        return tool.equals(wanted) || tool.endsWith("/" + wanted) || tool.startsWith(wanted + "/");
    }

    private ScanRows.Scan row(ScanCutter.Segment s, long slash24s, long monitored, Map<String, ImmutableRoaringBitmap> fingerprints) {
        long seconds = s.last - s.first;
        double rate = s.packets / (double) Math.max(1, seconds);
        Set<String> tools = new LinkedHashSet<>();
        List<String> signatures = new ArrayList<>();
        for (long[] sig : s.signatures) {
            SynSignature signature = SynSignature.of(sig[0], sig[1]);
            signatures.add(signature.toString());
            tools.add(signature.family());
        }
        fingerprints.forEach((label, sources) -> {
            if (sources.contains(s.source)) {
                tools.add(label);
            }
        });
        int number = ScanType.number(s.code);
        return new ScanRows.Scan(ipv4(s.source), number < 0 ? null : number, ScanType.of(s.code).label(), time(s.first), time(s.last), seconds,
                s.packets, s.bytes, s.destinationCount, slash24s, coverage(s.destinationCount, monitored), rate,
                monitored == 0 ? 0 : rate * IPV4 / monitored, signatures, List.copyOf(tools), null, null);
    }

    /** The sources of each fingerprint on a day, read once per day; the ranges' threads ask in turn, as the store answers one at a time. */
    private Map<String, ImmutableRoaringBitmap> fingerprints(Map<LocalDate, Map<String, ImmutableRoaringBitmap>> cache, LocalDate date) {
        synchronized (cache) {
            return cache.computeIfAbsent(date, d -> {
                Map<String, ImmutableRoaringBitmap> sets = new java.util.LinkedHashMap<>();
                try {
                    FingerprintQueries queries = new FingerprintQueries(store);
                    for (Fingerprint f : Fingerprint.values()) {
                        ImmutableRoaringBitmap sources = queries.sources(f, d).ipv4();
                        if (!sources.isEmpty()) {
                            sets.put(f.label(), sources);
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read the fingerprints of " + d + ": " + e.getMessage(), e);
                }
                return sets;
            });
        }
    }

    /**
     * Every source and clock hour in which it sent to at least a tenth of the IPv4 addresses
     * monitored that day (rounded up), by hour then source.
     */
    public List<ScanRows.LargeScanner> largeScanners(LocalDate from, LocalDate to) throws SQLException {
        List<ScanRows.LargeScanner> found = new ArrayList<>();
        for (LocalDate date : days(from, to)) {
            Day day = Day.of(zone, date);
            long threshold = (long) Math.ceil(records.monitored(date) * LARGE_SHARE);
            HourlyDestinations hours = new HourlyDestinations(threshold, (source, hour, destinations) -> found.add(
                    new ScanRows.LargeScanner(ipv4(source), time(day.startEpochSecond() + hour * 3600L), destinations, threshold)));
            records.forEach(date, hours::add);
            hours.finish();
        }
        found.sort(Comparator.comparing(ScanRows.LargeScanner::hour).thenComparing(ScanRows.LargeScanner::source));
        return found;
    }

    /**
     * A source's distinct destinations per hour of a day, from its records (all in a row): only
     * an hour with as many packets as the threshold may reach it, so only those are counted.
     */
    private static final class HourlyDestinations {
        interface Found {
            void hour(int source, int hour, long destinations);
        }

        private static final int HOURS = 25; // a day is 25 hours at most
        private final long threshold;
        private final Found sink;
        private final long[] packets = new long[HOURS];
        private final IntArrayList[] destinations = new IntArrayList[HOURS];
        private int source;
        private boolean any;

        HourlyDestinations(long threshold, Found sink) {
            this.threshold = threshold;
            this.sink = sink;
            for (int h = 0; h < HOURS; h++) {
                destinations[h] = new IntArrayList();
            }
        }

        void add(ScanRecord r) {
            if (any && r.source != source) {
                close();
            }
            any = true;
            source = r.source;
            int hour = r.bucket * ScanRecord.BUCKET_SECONDS / 3600;
            packets[hour] += r.packets;
            destinations[hour].addElements(destinations[hour].size(), r.destinations, 0, r.destinationCount);
        }

        void finish() {
            if (any) {
                close();
            }
        }

        private void close() {
            for (int h = 0; h < HOURS; h++) {
                if (packets[h] >= threshold) {
                    long n = RoaringBitmap.bitmapOf(destinations[h].toIntArray()).getLongCardinality();
                    if (n >= threshold) {
                        sink.hour(source, h, n);
                    }
                }
                packets[h] = 0;
                destinations[h].clear();
            }
        }
    }

    /** The SYN signatures of the range, on one port (null for every port), by distinct sources; {@code top} 0 for all. */
    public List<ScanRows.Signature> signatures(LocalDate from, LocalDate to, Integer port, int top) throws SQLException {
        Map<List<Long>, RoaringBitmap> sources = new HashMap<>();
        Map<List<Long>, long[]> packets = new HashMap<>();
        RoaringBitmap all = new RoaringBitmap();
        for (LocalDate date : days(from, to)) {
            records.forEach(date, r -> {
                if (ScanType.of(r.code) == ScanType.SYN && (port == null || ScanType.number(r.code) == port)) {
                    List<Long> key = List.of(r.sigFields, r.sigKinds);
                    sources.computeIfAbsent(key, k -> new RoaringBitmap()).add(r.source);
                    packets.computeIfAbsent(key, k -> new long[1])[0] += r.packets;
                    all.add(r.source);
                }
            });
        }
        List<ScanRows.Signature> rows = new ArrayList<>();
        long total = all.getLongCardinality();
        sources.forEach((key, set) -> {
            SynSignature s = SynSignature.of(key.get(0), key.get(1));
            long n = set.getLongCardinality();
            rows.add(new ScanRows.Signature(s.toString(), s.family(), n, packets.get(key)[0], total == 0 ? 0 : n / (double) total));
        });
        rows.sort(Comparator.comparingLong(ScanRows.Signature::sources).reversed().thenComparing(ScanRows.Signature::signature));
        return top > 0 && rows.size() > top ? rows.subList(0, top) : rows;
    }

    /** Packets of some sources on a day: by protocol class, and by (protocol, port) key ({@code TrafficKey}) for SYNs and UDP. */
    public record SourcePackets(Map<ProtocolClass, Long> byClass, Map<Integer, Long> byPort) {
    }

    /** The packets the given IPv4 sources sent on a day. */
    public SourcePackets packetsOf(LocalDate date, ImmutableRoaringBitmap sources) throws SQLException {
        Map<ProtocolClass, Long> byClass = new EnumMap<>(ProtocolClass.class);
        Int2LongOpenHashMap byPort = new Int2LongOpenHashMap();
        if (!sources.isEmpty()) {
            records.forEachOf(date, sources, r -> {
                if (sources.contains(r.source)) {
                    int protocol = protocol(r.code);
                    byClass.merge(ProtocolClass.of(protocol), r.packets, Long::sum);
                    if (ScanType.of(r.code) == ScanType.SYN || ScanType.of(r.code) == ScanType.UDP) {
                        byPort.addTo(TrafficKey.of(protocol, ScanType.number(r.code)), r.packets);
                    }
                }
            });
        }
        return new SourcePackets(byClass, Map.copyOf(byPort));
    }

    /** Each given IPv4 source's packets on a day (those that sent none are left out). */
    public Map<Integer, Long> packetsBySource(LocalDate date, ImmutableRoaringBitmap sources) throws SQLException {
        Int2LongOpenHashMap packets = new Int2LongOpenHashMap();
        if (!sources.isEmpty()) {
            records.forEachOf(date, sources, r -> {
                if (sources.contains(r.source)) {
                    packets.addTo(r.source, r.packets);
                }
            });
        }
        return packets;
    }

    private static int protocol(int code) {
        return switch (ScanType.of(code)) {
            case SYN -> IpProtocol.TCP;
            case UDP -> IpProtocol.UDP;
            case ICMP -> IpProtocol.ICMP;
            case OTHER -> ScanType.number(code);
        };
    }

    private List<LocalDate> days(LocalDate from, LocalDate to) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (PreparedStatement s = store.connection().prepareStatement("SELECT day FROM day_scan WHERE day BETWEEN ? AND ? "
                + "UNION SELECT day FROM day_scan_quiet WHERE day BETWEEN ? AND ? ORDER BY day")) {
            io.darkscope.store.DateRanges.bind(s, 1, from, to);
            io.darkscope.store.DateRanges.bind(s, 3, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    days.add(r.getObject(1, LocalDate.class));
                }
            }
        }
        return days;
    }

    private String time(long epochSecond) {
        return TIME.format(Instant.ofEpochSecond(epochSecond).atZone(zone));
    }

    private static String ipv4(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }
}
