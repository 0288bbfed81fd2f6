package io.darkscope.query;

import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.analysis.traffic.TrafficQueries;
import io.darkscope.geo.Attribution;
import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoRows;
import io.darkscope.sets.SourceSet;
import io.darkscope.store.Store;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds outbreaks in every port's and every fingerprint's daily sources, and country spikes
 * on the busiest ports, then says who the new sources are: those present on the peak day and
 * absent from the baseline days, by country and by AS (and, for a country spike, by /16).
 */
final class EventFinder {
    private static final int TOP = 5;

    private final EventQueries events;
    private final TrafficQueries stats;
    private final Attribution attribution;
    private final OutbreakDetector detector;
    private final long minSources;
    private final int spikePorts;

    /**
     * @param minSources the fewest extra sources that make an event
     * @param spikePorts how many of the busiest ports are searched for country spikes
     */
    EventFinder(Store store, GeoData geo, long minSources, int spikePorts) {
        this.events = new EventQueries(store);
        this.stats = new TrafficQueries(store);
        this.attribution = new Attribution(geo);
        this.detector = new OutbreakDetector(minSources);
        this.minSources = minSources;
        this.spikePorts = spikePorts;
    }

    /** Every event whose onset falls in the range, by onset. */
    List<Event> find(LocalDate from, LocalDate to) throws SQLException {
        List<LocalDate> days = events.days(from, to);
        List<Event> found = new ArrayList<>();
        List<EventQueries.Series> all = events.series(days, minSources);
        for (EventQueries.Series series : all) {
            for (OutbreakDetector.Found f : detector.detect(days, series.sources())) {
                SourceSet fresh = newSources(events.sources(series, withPeak(f)), f);
                found.add(event(f.kind(), series.key(), f, attribution.countries(fresh),
                        attribution.networks(fresh, Attribution.By.ASN, TOP).stream().map(EventFinder::network).toList()));
            }
        }
        all.stream().filter(s -> !s.fingerprint()).sorted(Comparator.comparingLong(EventFinder::peak).reversed()).limit(spikePorts)
                .forEach(port -> countrySpikes(port, days, found));
        found.sort(Comparator.comparing(Event::onset).thenComparing(Event::key));
        return found;
    }

    private static long peak(EventQueries.Series s) {
        long max = 0;
        for (long v : s.sources()) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static List<LocalDate> withPeak(OutbreakDetector.Found f) {
        List<LocalDate> days = new ArrayList<>(f.baselineDays());
        days.add(f.peakDate());
        return days;
    }

    /** The peak day's sources that no baseline day had. */
    private static SourceSet newSources(Map<LocalDate, SourceSet> sets, OutbreakDetector.Found f) {
        List<SourceSet> baseline = new ArrayList<>();
        f.baselineDays().forEach(d -> baseline.add(sets.get(d)));
        return sets.get(f.peakDate()).minus(SourceSet.union(baseline));
    }

    /** A port's sources split by country, each country's series searched for spikes. */
    private void countrySpikes(EventQueries.Series port, List<LocalDate> days, List<Event> found) {
        try {
            Map<LocalDate, SourceSet> byDay = stats.sourcesByDay(List.of(PortSpec.parse(port.key())), days.get(0), days.get(days.size() - 1));
            Map<String, long[]> countries = new LinkedHashMap<>();
            List<LocalDate> order = new ArrayList<>(byDay.keySet());
            for (int i = 0; i < order.size(); i++) {
                for (Map.Entry<String, Long> c : attribution.countries(byDay.get(order.get(i))).entrySet()) {
                    countries.computeIfAbsent(c.getKey(), k -> new long[order.size()])[i] = c.getValue();
                }
            }
            for (Map.Entry<String, long[]> country : countries.entrySet()) {
                if (country.getKey().equals(GeoData.UNKNOWN)) {
                    continue;
                }
                for (OutbreakDetector.Found f : detector.detect(order, country.getValue())) {
                    if (f.kind().equals("new")) {
                        continue; // a country appearing on a port that is itself new is that port's event
                    }
                    Map<LocalDate, SourceSet> sets = new HashMap<>();
                    withPeak(f).forEach(d -> sets.put(d, attribution.inCountry(byDay.get(d), country.getKey())));
                    SourceSet fresh = newSources(sets, f);
                    List<String> networks = new ArrayList<>(attribution.networks(fresh, Attribution.By.ASN, 3).stream()
                            .map(EventFinder::network).toList());
                    attribution.networks(fresh, Attribution.By.PREFIX16, 2).forEach(n -> networks.add(network(n)));
                    found.add(event(Event.COUNTRY_SPIKE, country.getKey() + " " + port.key(), f,
                            Map.of(country.getKey(), fresh.cardinality()), networks));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the store: " + e.getMessage(), e);
        }
    }

    private static String network(GeoRows.Network n) {
        return n.network() + (n.name().isEmpty() ? "" : " " + n.name()) + "=" + n.sources();
    }

    private static Event event(String kind, String key, OutbreakDetector.Found f, Map<String, Long> countries, List<String> networks) {
        List<String> top = new ArrayList<>();
        countries.entrySet().stream().limit(TOP).forEach(c -> top.add(c.getKey() + "=" + c.getValue()));
        return new Event(kind, key, f.onset(), f.peakDate(), f.peakSources(), f.baseline(), f.growth(), f.end(), top, networks);
    }
}
