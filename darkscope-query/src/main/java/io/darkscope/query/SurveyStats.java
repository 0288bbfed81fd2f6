package io.darkscope.query;

import io.darkscope.analysis.scan.ScanQueries;
import io.darkscope.analysis.traffic.TrafficQueries;
import io.darkscope.sets.SourceSet;
import io.darkscope.store.Store;
import io.darkscope.survey.SurveyLists;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the survey scanners on the imported lists sent: per day, and per organisation. */
final class SurveyStats {
    private final Store store;
    private final SurveyLists lists;
    private final TrafficQueries traffic;

    SurveyStats(Store store) {
        this.store = store;
        this.lists = new SurveyLists(store);
        this.traffic = new TrafficQueries(store);
    }

    /** Per day with data: the listed sources' packets and distinct addresses, and their shares. */
    List<ScannerRows.SurveyDay> days(LocalDate from, LocalDate to) throws SQLException {
        ScanQueries scans = new ScanQueries(store);
        List<ScannerRows.SurveyDay> rows = new ArrayList<>();
        for (LocalDate day : traffic.daysWithData(from, to)) {
            ImmutableRoaringBitmap listed = lists.sources(day, day).ipv4();
            long packets = scans.packetsBySource(day, listed).values().stream().mapToLong(Long::longValue).sum();
            SourceSet all = traffic.daySources(day).get("all");
            long sources = ImmutableRoaringBitmap.andCardinality(all.ipv4(), listed);
            long total = traffic.totalPackets(day, day);
            rows.add(new ScannerRows.SurveyDay(day, packets, sources, share(packets, total), share(sources, all.cardinality())));
        }
        return rows;
    }

    /** Per organisation over the range, by packets: its addresses seen, its packets and their share of all packets. */
    List<ScannerRows.Organisation> organisations(LocalDate from, LocalDate to) throws SQLException {
        if (lists.lists().isEmpty()) {
            return List.of(); // without a list, two queries a day would find no organisation
        }
        ScanQueries scans = new ScanQueries(store);
        Map<String, Map<Integer, Long>> byOrganisation = new TreeMap<>();
        for (LocalDate day : traffic.daysWithData(from, to)) {
            SurveyLists.Directory directory = lists.directory(day, day);
            scans.packetsBySource(day, lists.sources(day, day).ipv4()).forEach((source, packets) ->
                    byOrganisation.computeIfAbsent(directory.organisationOf(source), o -> new HashMap<>()).merge(source, packets, Long::sum));
        }
        long total = traffic.totalPackets(from, to);
        Map<String, String> types = types();
        List<ScannerRows.Organisation> rows = new ArrayList<>();
        byOrganisation.forEach((organisation, sources) -> {
            long packets = sources.values().stream().mapToLong(Long::longValue).sum();
            rows.add(new ScannerRows.Organisation(organisation, types.getOrDefault(organisation, ""), sources.size(), packets, share(packets, total)));
        });
        rows.sort((a, b) -> Long.compare(b.packets(), a.packets()));
        return rows;
    }

    /** Each organisation's type, as a scanorg list gives it. */
    private Map<String, String> types() throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement s = store.connection().prepareStatement("SELECT organisation, type FROM survey_organisations");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                types.put(r.getString(1), r.getString(2));
            }
        }
        return types;
    }

    private static double share(long part, long all) {
        return all == 0 ? 0 : part / (double) all;
    }
}
