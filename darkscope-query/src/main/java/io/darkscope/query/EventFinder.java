package io.darkscope.query;

import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.analysis.traffic.TrafficQueries;
import io.darkscope.geo.Attribution;
import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoRows;
import io.darkscope.sets.SourceSet;
import io.darkscope.store.Store;
import io.darkscope.survey.SurveyLists;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
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
 * Survey scanners (on an imported list) are left out of every series: they never make an
 * outbreak. A country's spike is judged against the movement of its port's other sources
 * ({@link OutbreakDetector#detect(List, long[], long[])}), and one that starts within a day of
 * its port's outbreak is that outbreak's, listed in its countries, not an event of its own;
 * unless the country brought most of the outbreak's new sources: then the outbreak is the
 * country's spike, reported as such in its place.
 */
final class EventFinder {
    private static final int TOP = 5;

    private final EventQueries events;
    private final TrafficQueries stats;
    private final SurveyLists surveyLists;
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
        this.surveyLists = new SurveyLists(store);
        this.attribution = new Attribution(geo);
        this.detector = new OutbreakDetector(minSources);
        this.minSources = minSources;
        this.spikePorts = spikePorts;
    }

    /** Every event whose onset falls in the range, by onset. */
    List<Event> find(LocalDate from, LocalDate to) throws SQLException {
        List<LocalDate> days = events.days(from, to);
        if (days.size() <= OutbreakDetector.WARM_UP) {
            return List.of(); // no rise is judged without that much history: the series and their countries need not be read
        }
        SourceSet survey = surveyLists.sources(days.get(0), days.get(days.size() - 1));
        List<Outbreak> outbreaks = new ArrayList<>();
        List<EventQueries.Series> all = events.series(days, minSources, survey);
        for (EventQueries.Series series : all) {
            for (OutbreakDetector.Found f : detector.detect(days, series.sources())) {
                SourceSet fresh = newSources(events.sources(series, withPeak(f)), f).minus(survey);
                outbreaks.add(new Outbreak(event(f.kind(), series.key(), f, attribution.countries(fresh),
                        attribution.networks(fresh, Attribution.By.ASN, TOP).stream().map(EventFinder::network).toList()), fresh.cardinality()));
            }
        }
        List<Event> found = new ArrayList<>(outbreaks.stream().map(Outbreak::event).toList());
        all.stream().filter(s -> !s.fingerprint()).sorted(Comparator.comparingLong(EventFinder::peak).reversed()).limit(spikePorts)
                .forEach(port -> countrySpikes(port, days, survey, outbreaks, found));
        found.sort(Comparator.comparing(Event::onset).thenComparing(Event::key));
        return found;
    }

    /** An event and how many new sources it brought. */
    private record Outbreak(Event event, long newSources) {
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

    /**
     * A port's sources split by country, each country's series searched for departures from the
     * movement of the port's other sources; those starting within a day of one of the port's
     * outbreaks are left to it, or take its place.
     */
    private void countrySpikes(EventQueries.Series port, List<LocalDate> days, SourceSet survey, List<Outbreak> outbreaks, List<Event> found) {
        try {
            Map<LocalDate, SourceSet> byDay = stats.sourcesByDay(List.of(PortSpec.parse(port.key())), days.get(0), days.get(days.size() - 1));
            byDay.replaceAll((day, set) -> set.minus(survey));
            List<LocalDate> order = new ArrayList<>(byDay.keySet());
            long[] whole = new long[order.size()];
            Map<String, long[]> countries = new LinkedHashMap<>();
            for (int i = 0; i < order.size(); i++) {
                whole[i] = byDay.get(order.get(i)).cardinality();
                for (Map.Entry<String, Long> c : attribution.countries(byDay.get(order.get(i))).entrySet()) {
                    countries.computeIfAbsent(c.getKey(), k -> new long[order.size()])[i] = c.getValue();
                }
            }
            for (Map.Entry<String, long[]> country : countries.entrySet()) {
                if (country.getKey().equals(GeoData.UNKNOWN)) {
                    continue;
                }
                for (OutbreakDetector.Found f : detector.detect(order, country.getValue(), others(whole, country.getValue()))) {
                    if (!f.kind().equals("new")) { // a country appearing on a port that is itself new is that port's event
                        place(countrySpike(country.getKey(), port, byDay, f), outbreaks.stream().filter(o -> o.event().key().equals(port.key())
                                && Math.abs(ChronoUnit.DAYS.between(o.event().onset(), f.onset())) <= 1).findFirst().orElse(null), found);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the store: " + e.getMessage(), e);
        }
    }

    /** The sources of the rest of the port, day by day: the movement a country is judged against. */
    private static long[] others(long[] whole, long[] country) {
        long[] others = new long[whole.length];
        for (int i = 0; i < whole.length; i++) {
            others[i] = whole[i] - country[i];
        }
        return others;
    }

    /** A country's spike alone, or in place of its port's outbreak (null: none) if it brought most of its new sources, or not at all. */
    private static void place(Outbreak spike, Outbreak portOutbreak, List<Event> found) {
        if (portOutbreak == null) {
            found.add(spike.event());
        } else if (2 * spike.newSources() > portOutbreak.newSources()) {
            found.remove(portOutbreak.event());
            found.add(spike.event());
        }
    }

    /** A country's spike on a port, with its new sources' AS and /16 networks. */
    private Outbreak countrySpike(String country, EventQueries.Series port, Map<LocalDate, SourceSet> byDay, OutbreakDetector.Found f) {
        Map<LocalDate, SourceSet> sets = new HashMap<>();
        withPeak(f).forEach(d -> sets.put(d, attribution.inCountry(byDay.get(d), country)));
        SourceSet fresh = newSources(sets, f);
        List<String> networks = new ArrayList<>(attribution.networks(fresh, Attribution.By.ASN, 3).stream().map(EventFinder::network).toList());
        attribution.networks(fresh, Attribution.By.PREFIX16, 2).forEach(n -> networks.add(network(n)));
        return new Outbreak(event(Event.COUNTRY_SPIKE, country + " " + port.key(), f, Map.of(country, fresh.cardinality()), networks),
                fresh.cardinality());
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
