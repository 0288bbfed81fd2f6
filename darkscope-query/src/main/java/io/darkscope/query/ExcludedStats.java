package io.darkscope.query;

import io.darkscope.analysis.scan.ScanQueries;
import io.darkscope.analysis.scan.ScanRows;
import io.darkscope.analysis.spoofed.SpoofedQueries;
import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.analysis.traffic.ProtocolClass;
import io.darkscope.analysis.traffic.TrafficKey;
import io.darkscope.analysis.traffic.TrafficQueries;
import io.darkscope.analysis.traffic.TrafficRows;
import io.darkscope.decode.IpProtocol;
import io.darkscope.sets.Ipv6Set;
import io.darkscope.sets.SourceSet;
import io.darkscope.store.Store;
import io.darkscope.survey.SurveyLists;
import org.roaringbitmap.RoaringBitmap;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The statistics with some sources left out ({@link Exclusion}): their sources subtracted, their packets too. */
final class ExcludedStats {
    private final Store store;
    private final TrafficQueries traffic;
    private final Set<Exclusion> kinds;

    ExcludedStats(Store store, Set<Exclusion> kinds) {
        this.store = store;
        this.traffic = new TrafficQueries(store);
        this.kinds = kinds;
    }

    /** The sources left out over the range. */
    SourceSet sources(LocalDate from, LocalDate to) throws SQLException {
        List<SourceSet> sets = new ArrayList<>();
        if (kinds.contains(Exclusion.SURVEY)) {
            sets.add(new SurveyLists(store).sources(from, to));
        }
        if (kinds.contains(Exclusion.SPOOFED)) {
            sets.add(new SpoofedQueries(store).sources(from, to));
        }
        if (kinds.contains(Exclusion.LARGE)) {
            RoaringBitmap large = new RoaringBitmap();
            for (ScanRows.LargeScanner s : new ScanQueries(store).largeScanners(from, to)) {
                large.add(ipv4(s.source()));
            }
            sets.add(SourceSet.of(large, Ipv6Set.EMPTY));
        }
        return SourceSet.union(sets);
    }

    /** The packets of the left-out sources on a day. */
    private ScanQueries.SourcePackets packets(LocalDate day, SourceSet excluded) throws SQLException {
        return new ScanQueries(store).packetsOf(day, excluded.ipv4());
    }

    List<TrafficRows.Year> yearly(List<TrafficRows.Year> years) throws SQLException {
        List<TrafficRows.Year> rows = new ArrayList<>();
        for (TrafficRows.Year y : years) {
            long excluded = 0;
            for (LocalDate day : traffic.daysWithData(LocalDate.of(y.year(), 1, 1), LocalDate.of(y.year(), 12, 31))) {
                excluded += total(packets(day, sources(day, day)).byClass());
            }
            long packets = y.packets() - excluded;
            Double perAddress = y.packetsPerAddress() == null ? null : y.packetsPerAddress() - excluded / (double) y.addresses();
            rows.add(new TrafficRows.Year(y.year(), packets, y.addresses(), perAddress));
        }
        return rows;
    }

    List<TrafficRows.Day> daily(List<TrafficRows.Day> days) throws SQLException {
        List<TrafficRows.Day> rows = new ArrayList<>();
        for (TrafficRows.Day d : days) {
            SourceSet excluded = sources(d.date(), d.date());
            Map<ProtocolClass, Long> p = packets(d.date(), excluded).byClass();
            Map<String, SourceSet> s = traffic.daySources(d.date());
            TrafficRows.Packets packets = new TrafficRows.Packets(d.packets().tcp() - get(p, ProtocolClass.TCP), d.packets().udp() - get(p, ProtocolClass.UDP),
                    d.packets().icmp() - get(p, ProtocolClass.ICMP), d.packets().other() - get(p, ProtocolClass.OTHER), d.packets().total() - total(p));
            rows.add(new TrafficRows.Day(d.date(), packets, new TrafficRows.Sources(without(s.get("all"), excluded), without(s.get("tcp"), excluded),
                    without(s.get("udp"), excluded), without(s.get("icmp"), excluded))));
        }
        return rows;
    }

    /** Each port's packets (by {@code TrafficKey}) and all packets, once the left-out sources' are taken away. */
    record PortPackets(Map<Integer, Long> packets, long total) {
    }

    PortPackets portPackets(LocalDate from, LocalDate to, Integer protocol, SourceSet excluded) throws SQLException {
        Map<Integer, Long> packets = new HashMap<>(traffic.portPackets(from, to, protocol));
        long total = traffic.totalPackets(from, to);
        for (LocalDate day : traffic.daysWithData(from, to)) {
            ScanQueries.SourcePackets p = packets(day, excluded);
            total -= total(p.byClass());
            p.byPort().forEach((key, n) -> packets.computeIfPresent(key, (k, v) -> v - n));
        }
        return new PortPackets(packets, total);
    }

    /** Ports ranked by their packets once the left-out sources' are taken away. */
    List<TrafficRows.Port> ports(LocalDate from, LocalDate to, int top, Integer protocol) throws SQLException {
        SourceSet excluded = sources(from, to);
        PortPackets left = portPackets(from, to, protocol, excluded);
        long total = left.total();
        List<Map.Entry<Integer, Long>> ranked = new ArrayList<>(left.packets().entrySet());
        ranked.sort(Map.Entry.<Integer, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<TrafficRows.Port> rows = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : ranked.subList(0, top > 0 ? Math.min(top, ranked.size()) : ranked.size())) {
            int key = e.getKey();
            PortSpec port = new PortSpec(TrafficKey.port(key), TrafficKey.protocol(key));
            long sources = without(traffic.sourcesOf(List.of(port), from, to), excluded);
            rows.add(new TrafficRows.Port(port.port(), IpProtocol.name(port.protocol()), e.getValue(), total == 0 ? 0 : e.getValue() / (double) total,
                    sources));
        }
        return rows;
    }

    List<TrafficRows.DaySources> sources(Map<LocalDate, SourceSet> byDay) throws SQLException {
        List<TrafficRows.DaySources> rows = new ArrayList<>();
        for (Map.Entry<LocalDate, SourceSet> e : byDay.entrySet()) {
            rows.add(new TrafficRows.DaySources(e.getKey(), without(e.getValue(), sources(e.getKey(), e.getKey()))));
        }
        return rows;
    }

    private static long without(SourceSet sources, SourceSet excluded) {
        return sources.cardinality() - org.roaringbitmap.buffer.ImmutableRoaringBitmap.andCardinality(sources.ipv4(), excluded.ipv4());
    }

    private static long get(Map<ProtocolClass, Long> packets, ProtocolClass c) {
        return packets.getOrDefault(c, 0L);
    }

    private static long total(Map<ProtocolClass, Long> packets) {
        return packets.values().stream().mapToLong(Long::longValue).sum();
    }

    static int ipv4(String dotted) {
        int a = 0;
        for (String part : dotted.split("\\.")) {
            a = a << 8 | Integer.parseInt(part);
        }
        return a;
    }
}
