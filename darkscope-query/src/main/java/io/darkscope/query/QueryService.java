package io.darkscope.query;

import io.darkscope.analysis.backscatter.DosQueries;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.analysis.traffic.TrafficQueries;
import io.darkscope.analysis.traffic.TrafficRows;
import io.darkscope.darknet.Prefix;
import io.darkscope.geo.Attribution;
import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoRows;
import io.darkscope.sets.SourceSet;
import io.darkscope.store.CaptureHealth;
import io.darkscope.store.Store;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * Every question darkscope answers, the same for the CLI, the report and the HTTP API: the
 * analyses' queries, attributed to countries and networks with the GeoIP data, and the events.
 * Date bounds are inclusive; a null bound is open. The GeoIP data is read only by the answers
 * that attribute; {@link #credits} says which data answered.
 */
public final class QueryService {
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
        return traffic.yearly();
    }

    /** Seed Figures 1 and 2: per day, packets by protocol class and distinct sources. */
    public List<TrafficRows.Day> daily(LocalDate from, LocalDate to) throws SQLException {
        return traffic.daily(from, to);
    }

    /** Seed Figure 3: destination ports by packets ({@code top} 0 for all; {@code protocol} null for all). */
    public List<TrafficRows.Port> ports(LocalDate from, LocalDate to, int top, Integer protocol) throws SQLException {
        return traffic.ports(from, to, top, protocol);
    }

    /** Seed Figures 4 and 5: per day, distinct sources of the ports, of one country if {@code country} is given. */
    public List<TrafficRows.DaySources> sources(List<PortSpec> ports, LocalDate from, LocalDate to, String country) throws SQLException {
        if (country == null) {
            return traffic.sources(ports, from, to);
        }
        return attribution.countrySeries(traffic.sourcesByDay(ports, from, to), country);
    }

    /** Packets per 5 minutes or per hour. */
    public List<TrafficRows.Slot> traffic(LocalDate from, LocalDate to, boolean hourly) throws SQLException {
        return traffic.traffic(from, to, hourly);
    }

    /** Seed Table 2: distinct sources of the ports over the range by country, the top ones, then "other" and "total". */
    public List<GeoRows.Country> countries(List<PortSpec> ports, LocalDate from, LocalDate to, int top) throws SQLException {
        return attribution.countryTable(traffic.sourcesOf(ports, from, to), top);
    }

    /** The networks (AS, /16 or /24) the ports' sources came from, of one country if {@code country} is given. */
    public List<GeoRows.Network> networks(List<PortSpec> ports, LocalDate from, LocalDate to, String country, Attribution.By by, int top)
            throws SQLException {
        SourceSet sources = traffic.sourcesOf(ports, from, to);
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
