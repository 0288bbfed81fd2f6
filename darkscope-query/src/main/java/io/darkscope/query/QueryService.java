package io.darkscope.query;

import io.darkscope.analysis.backscatter.DosQueries;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.analysis.scan.ScanQueries;
import io.darkscope.analysis.scan.ScanRows;
import io.darkscope.analysis.spoofed.SpoofedQueries;
import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.analysis.traffic.TrafficKey;
import io.darkscope.analysis.traffic.TrafficQueries;
import io.darkscope.analysis.traffic.TrafficRows;
import io.darkscope.darknet.Prefix;
import io.darkscope.decode.IpProtocol;
import io.darkscope.geo.Attribution;
import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoRows;
import io.darkscope.sets.SourceSet;
import io.darkscope.store.CaptureHealth;
import io.darkscope.store.Store;
import io.darkscope.survey.SurveyList;
import io.darkscope.survey.SurveyListParser;
import io.darkscope.survey.SurveyLists;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every question darkscope answers, the same for the CLI, the report and the HTTP API: the
 * analyses' queries, attributed to countries and networks with the GeoIP data, and the events.
 * Date bounds are inclusive; a null bound is open. The GeoIP data is read only by the answers
 * that attribute; {@link #credits} says which data answered.
 */
public final class QueryService {
    private static final Set<Exclusion> NONE = Set.of();
    /** The event detector's fewest extra sources, unless told otherwise. */
    public static final long DEFAULT_MIN_SOURCES = 10;
    /** How many of the busiest ports the event detector searches for country spikes, unless told otherwise. */
    public static final int DEFAULT_SPIKE_PORTS = 10;
    private final Store store;
    private final GeoData geo;
    private final TrafficQueries traffic;
    private final Attribution attribution;

    public QueryService(Store store, GeoData geo) {
        this.store = store;
        this.geo = geo;
        this.traffic = new TrafficQueries(store);
        this.attribution = new Attribution(geo);
    }

    /** Seed Table 1: per year, packets, monitored IPv4 addresses and IPv4 packets per address. */
    public List<TrafficRows.Year> yearly() throws SQLException {
        return yearly(NONE);
    }

    /** Table 1 without the excluded sources' packets. */
    public List<TrafficRows.Year> yearly(Set<Exclusion> excluded) throws SQLException {
        return excluded.isEmpty() ? traffic.yearly() : new ExcludedStats(store, excluded).yearly(traffic.yearly());
    }

    /** Seed Figures 1 and 2: per day, packets by protocol class and distinct sources. */
    public List<TrafficRows.Day> daily(LocalDate from, LocalDate to) throws SQLException {
        return daily(from, to, NONE);
    }

    /** Figures 1 and 2 without the excluded sources and their packets. */
    public List<TrafficRows.Day> daily(LocalDate from, LocalDate to, Set<Exclusion> excluded) throws SQLException {
        List<TrafficRows.Day> days = traffic.daily(from, to);
        return excluded.isEmpty() ? days : new ExcludedStats(store, excluded).daily(days);
    }

    /** Seed Figure 3: destination ports by packets ({@code top} 0 for all; {@code protocol} null for all). */
    public List<TrafficRows.Port> ports(LocalDate from, LocalDate to, int top, Integer protocol) throws SQLException {
        return ports(from, to, top, protocol, NONE);
    }

    /** Figure 3 without the excluded sources and their packets, ranked by the packets left. */
    public List<TrafficRows.Port> ports(LocalDate from, LocalDate to, int top, Integer protocol, Set<Exclusion> excluded) throws SQLException {
        return excluded.isEmpty() ? traffic.ports(from, to, top, protocol) : new ExcludedStats(store, excluded).ports(from, to, top, protocol);
    }

    /**
     * Every port's packets over the range ("23/tcp"), without the excluded sources' packets: the
     * excluded sources' share of each port, without ranking the ports (which counts their sources).
     */
    public Map<String, Long> portPackets(LocalDate from, LocalDate to, Set<Exclusion> excluded) throws SQLException {
        ExcludedStats stats = new ExcludedStats(store, excluded);
        Map<String, Long> packets = new HashMap<>();
        stats.portPackets(from, to, null, stats.sources(from, to)).packets()
                .forEach((key, n) -> packets.put(TrafficKey.port(key) + "/" + IpProtocol.name(TrafficKey.protocol(key)), n));
        return packets;
    }

    /** Seed Figures 4 and 5: per day, distinct sources of the ports, of one country if {@code country} is given. */
    public List<TrafficRows.DaySources> sources(List<PortSpec> ports, LocalDate from, LocalDate to, String country) throws SQLException {
        return sources(ports, from, to, country, NONE);
    }

    /** Figures 4 and 5 without the excluded sources. */
    public List<TrafficRows.DaySources> sources(List<PortSpec> ports, LocalDate from, LocalDate to, String country, Set<Exclusion> excluded)
            throws SQLException {
        Map<LocalDate, SourceSet> byDay = traffic.sourcesByDay(ports, from, to);
        if (excluded.isEmpty()) {
            return country == null ? counts(byDay) : attribution.countrySeries(byDay, country);
        }
        if (country != null) {
            byDay.replaceAll((day, set) -> attribution.inCountry(set, country));
        }
        return new ExcludedStats(store, excluded).sources(byDay);
    }

    private static List<TrafficRows.DaySources> counts(Map<LocalDate, SourceSet> byDay) {
        List<TrafficRows.DaySources> rows = new ArrayList<>();
        byDay.forEach((day, set) -> rows.add(new TrafficRows.DaySources(day, set.cardinality())));
        return rows;
    }

    /** Packets per 5 minutes or per hour. */
    public List<TrafficRows.Slot> traffic(LocalDate from, LocalDate to, boolean hourly) throws SQLException {
        return traffic.traffic(from, to, hourly);
    }

    /** Seed Table 2: distinct sources of the ports over the range by country, the top ones, then "other" and "total". */
    public List<GeoRows.Country> countries(List<PortSpec> ports, LocalDate from, LocalDate to, int top) throws SQLException {
        return countries(ports, from, to, top, NONE);
    }

    /** Table 2 without the excluded sources. */
    public List<GeoRows.Country> countries(List<PortSpec> ports, LocalDate from, LocalDate to, int top, Set<Exclusion> excluded)
            throws SQLException {
        return attribution.countryTable(sourcesOf(ports, from, to, excluded), top);
    }

    private SourceSet sourcesOf(List<PortSpec> ports, LocalDate from, LocalDate to, Set<Exclusion> excluded) throws SQLException {
        SourceSet sources = traffic.sourcesOf(ports, from, to);
        return excluded.isEmpty() ? sources : sources.minus(new ExcludedStats(store, excluded).sources(from, to));
    }

    /** The networks (AS, /16 or /24) the ports' sources came from, of one country if {@code country} is given. */
    public List<GeoRows.Network> networks(List<PortSpec> ports, LocalDate from, LocalDate to, String country, Attribution.By by, int top)
            throws SQLException {
        return networks(ports, from, to, country, by, top, NONE);
    }

    /** The networks without the excluded sources. */
    public List<GeoRows.Network> networks(List<PortSpec> ports, LocalDate from, LocalDate to, String country, Attribution.By by, int top,
                                          Set<Exclusion> excluded) throws SQLException {
        SourceSet sources = sourcesOf(ports, from, to, excluded);
        if (country != null) {
            sources = attribution.inCountry(sources, country);
        }
        return attribution.networks(sources, by, top);
    }

    /** Scanner fingerprints and traffic classes, day by day. */
    public List<FingerprintQueries.Row> fingerprints(LocalDate from, LocalDate to) throws SQLException {
        return new FingerprintQueries(store).fingerprints(from, to);
    }

    /** Scanner fingerprints and traffic classes, one line each over the range. */
    public List<FingerprintSummary> fingerprintSummaries(LocalDate from, LocalDate to) throws SQLException {
        return fingerprints(from, to).stream().map(FingerprintSummary::of).toList();
    }

    /** DoS attacks inferred from backscatter, largest estimated rate first ({@code top} 0 for all). */
    public List<DosQueries.DosAttack> dos(LocalDate from, LocalDate to, int top) throws SQLException {
        List<DosQueries.DosAttack> attacks = new DosQueries(store).attacks(from, to);
        return top > 0 && attacks.size() > top ? attacks.subList(0, top) : attacks;
    }

    /** Scan events ({@link ScanQueries.Filter}), attributed, of one country ("JP") and one AS number if given. */
    public List<ScanRows.Scan> scans(ScanQueries.Filter filter, String country, Long asn) throws SQLException {
        List<ScanRows.Scan> rows = new ArrayList<>();
        String asPrefix = asn == null ? null : "AS" + asn;
        for (ScanRows.Scan s : new ScanQueries(store).scans(filter)) {
            int address = ExcludedStats.ipv4(s.source());
            String cc = attribution.countryOf(address);
            String network = attribution.asOf(address);
            if ((country == null || cc.equalsIgnoreCase(country)) && (asn == null || network.equals(asPrefix) || network.startsWith(asPrefix + " "))) {
                rows.add(s.withGeo(cc, network));
            }
        }
        return rows;
    }

    /** Large-scale scanners hour by hour, with the survey list naming each (if any) and where it is. */
    public List<ScannerRows.Large> largeScanners(LocalDate from, LocalDate to) throws SQLException {
        SurveyLists.Directory directory = new SurveyLists(store).directory(from, to);
        List<ScannerRows.Large> rows = new ArrayList<>();
        for (ScanRows.LargeScanner s : new ScanQueries(store).largeScanners(from, to)) {
            int address = ExcludedStats.ipv4(s.source());
            rows.add(new ScannerRows.Large(s.source(), s.hour(), s.destinations(), s.threshold(), directory.organisationOf(address),
                    attribution.countryOf(address), attribution.asOf(address)));
        }
        return rows;
    }

    /** The SYN signatures on a port (null: every port), by distinct sources ({@code top} 0 for all). */
    public List<ScanRows.Signature> signatures(LocalDate from, LocalDate to, Integer port, int top) throws SQLException {
        return new ScanQueries(store).signatures(from, to, port, top);
    }

    /** Spoofed-looking packets and sources per day and kind. */
    public List<SpoofedQueries.KindDay> spoofed(LocalDate from, LocalDate to) throws SQLException {
        return new SpoofedQueries(store).days(from, to);
    }

    /** Reads a survey-scanner list and stores it in place of the list of the same source (the store must be open for writing). */
    public SurveyList importSurveyList(Path file, LocalDate validFrom, LocalDate validTo, String organisation) throws IOException, SQLException {
        SurveyList list = new SurveyListParser(validFrom, validTo, organisation).parse(file);
        new SurveyLists(store).store(list);
        return list;
    }

    /** The survey-scanner lists in the store. */
    public List<SurveyLists.Listed> surveyLists() throws SQLException {
        return new SurveyLists(store).lists();
    }

    /** Per day, the listed survey scanners' packets and sources and their shares. */
    public List<ScannerRows.SurveyDay> surveyDays(LocalDate from, LocalDate to) throws SQLException {
        return new SurveyStats(store).days(from, to);
    }

    /** The survey scanners' organisations over the range, by packets. */
    public List<ScannerRows.Organisation> surveyOrganisations(LocalDate from, LocalDate to) throws SQLException {
        return new SurveyStats(store).organisations(from, to);
    }

    /** The events stored by the last detection, with an onset in the range. */
    public List<Event> events(LocalDate from, LocalDate to) throws SQLException {
        return new EventQueries(store).stored(from, to);
    }

    /**
     * Looks for events with an onset in the range and stores them in place of those stored for
     * it (the store must be open for writing).
     *
     * @param minSources the fewest extra sources that make an event
     * @param spikePorts how many of the busiest ports are searched for country spikes
     */
    public List<Event> detectEvents(LocalDate from, LocalDate to, long minSources, int spikePorts) throws SQLException {
        List<Event> events = new EventFinder(store, geo, minSources, spikePorts).find(from, to);
        new EventQueries(store).store(from, to, events, minSources);
        return events;
    }

    /** Detects the events again over the whole store, with the threshold of the last detection (new data may change them). */
    public List<Event> refreshEvents() throws SQLException {
        long min = eventMinSources();
        return detectEvents(null, null, min > 0 ? min : DEFAULT_MIN_SOURCES, DEFAULT_SPIKE_PORTS);
    }

    /** The fewest extra sources that made an event when the stored events were detected (0 if never). */
    public long eventMinSources() throws SQLException {
        return store.meta(EventQueries.MIN_SOURCES).map(Long::parseLong).orElse(0L);
    }

    /** How well each sensor observed the darknet, day by day: the share of the day captured, and packets received and dropped. */
    public List<CaptureHealth.Day> health(LocalDate from, LocalDate to) throws SQLException {
        return new CaptureHealth(store).days(from, to);
    }

    /**
     * The addresses of the IPv4 prefixes (an organisation's networks) that were darknet sources
     * on the day, each with the ports it sent to and the fingerprints it matched, in address order.
     */
    public List<WatchedSource> sourcesIn(List<Prefix> prefixes, LocalDate day) throws SQLException {
        return new SourceWatch(store).find(prefixes, day);
    }

    /** Which GeoIP data answered, with versions and licences, for the outputs that attribute. */
    public List<String> credits() {
        return geo.credits();
    }
}
