package io.darkscope.report;

import io.darkscope.analysis.backscatter.DosQueries;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.analysis.traffic.TrafficRows;
import io.darkscope.decode.IpProtocol;
import io.darkscope.geo.GeoRows;
import io.darkscope.query.Event;
import io.darkscope.query.Exclusion;
import io.darkscope.query.QueryService;
import io.darkscope.query.ScannerRows;
import io.darkscope.store.CaptureHealth;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every number of a year's report, each from the query API exactly as the CLI asks it. The
 * report's text and charts are drawn from this alone.
 *
 * @param options       what the report covers
 * @param years         Table 1: every year in the store
 * @param days          Figures 1 and 2: the days of the year that have data
 * @param ports         Figure 3: the year's top ports, share of all packets
 * @param events        the outbreaks whose onset is in the year, as the event detector stored them
 * @param portSeries    Figure 4: daily distinct sources of the events' ports and the asked ones
 * @param fingerprints  the fingerprints and traffic classes of the year
 * @param countryTables Table 2: sources by country on the peak days of the port events
 * @param countryView   Figure 5 and the chosen country's spikes, or null without a country
 * @param attacks       the largest DoS attacks inferred from backscatter
 * @param survey        the survey scanners' organisations of the year, on the imported lists (none without a list)
 * @param withoutSurvey Table 1, Figures 1-3 without the listed survey scanners, for their share; null when none was seen
 * @param eventMinSources the fewest extra sources that made an event when the events were detected
 * @param credits       the GeoIP and AS data that answered
 * @param sensors       how well each live sensor observed the year (none for captures ingested from files)
 */
public record ReportData(ReportOptions options, List<TrafficRows.Year> years, List<TrafficRows.Day> days, List<TrafficRows.Port> ports,
                         List<Event> events, List<PortSeries> portSeries, List<FingerprintQueries.Row> fingerprints,
                         List<CountryTable> countryTables, CountryView countryView, List<DosQueries.DosAttack> attacks,
                         List<ScannerRows.Organisation> survey, WithoutSurvey withoutSurvey, long eventMinSources, List<String> credits,
                         List<SensorYear> sensors) {
    /** Most ports drawn in Figure 4, most Table 2s, most DoS attacks listed. */
    static final int MAX_SERIES = 6;
    static final int MAX_COUNTRY_TABLES = 3;
    static final int MAX_ATTACKS = 10;
    static final int COUNTRY_ROWS = 10;

    /** The statistics of Table 1 and Figures 1-3 with the survey scanners on the imported lists left out. */
    public record WithoutSurvey(List<TrafficRows.Year> years, List<TrafficRows.Day> days, Map<String, Long> portPackets) {
    }

    /** A port's daily distinct sources. */
    public record PortSeries(String port, List<TrafficRows.DaySources> days) {
    }

    /**
     * How well one live sensor observed the darknet in the year: the share of the year's days it
     * captured, the share in which nothing arrived (a silent link), and libpcap's counters.
     */
    public record SensorYear(String sensor, double observed, double silent, long received, long dropped) {
    }

    /** Table 2: a day's sources on some ports, by country. */
    public record CountryTable(LocalDate day, List<String> ports, List<GeoRows.Country> rows) {
    }

    /** One country's daily sources on a port, and the spikes found in them. */
    public record CountryView(String country, String port, List<TrafficRows.DaySources> days, List<Event> spikes) {
    }

    public int year() {
        return options.year();
    }

    public LocalDate firstDay() {
        return LocalDate.of(year(), 1, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(year(), 12, 31);
    }

    /** Table 1's row of this year, or null when the store has no day of it. */
    public TrafficRows.Year thisYear() {
        return years.stream().filter(y -> y.year() == year()).findFirst().orElse(null);
    }

    /** Asks the query service every number of a year's report. */
    public static ReportData gather(QueryService service, ReportOptions options) throws SQLException {
        LocalDate from = LocalDate.of(options.year(), 1, 1);
        LocalDate to = LocalDate.of(options.year(), 12, 31);
        List<TrafficRows.Day> days = service.daily(from, to);
        List<TrafficRows.Port> ports = days.isEmpty() ? List.of() : service.ports(from, to, options.topPorts(), null);
        List<Event> events = service.events(from, to);
        List<ScannerRows.Organisation> survey = service.surveyOrganisations(from, to);
        Set<Exclusion> noSurvey = Set.of(Exclusion.SURVEY);
        WithoutSurvey withoutSurvey = survey.isEmpty() ? null
                : new WithoutSurvey(service.yearly(noSurvey), service.daily(from, to, noSurvey), service.portPackets(from, to, noSurvey));
        return new ReportData(options, service.yearly(), days, ports, events, portSeries(service, events, options, from, to),
                service.fingerprints(from, to), countryTables(service, events), countryView(service, options.country(), ports, events, from, to),
                service.dos(from, to, MAX_ATTACKS), survey, withoutSurvey, service.eventMinSources(), service.credits(),
                sensors(service, from, to));
    }

    /** Each sensor's year from its days' capture health (a day without a committed window counts as unobserved). */
    private static List<SensorYear> sensors(QueryService service, LocalDate from, LocalDate to) throws SQLException {
        Map<String, List<CaptureHealth.Day>> bySensor = new TreeMap<>();
        service.health(from, to).forEach(d -> bySensor.computeIfAbsent(d.sensor(), k -> new ArrayList<>()).add(d));
        double days = from.lengthOfYear();
        List<SensorYear> sensors = new ArrayList<>();
        bySensor.forEach((sensor, rows) -> sensors.add(new SensorYear(sensor,
                rows.stream().mapToDouble(CaptureHealth.Day::observed).sum() / days,
                rows.stream().mapToDouble(CaptureHealth.Day::silent).sum() / days,
                rows.stream().mapToLong(CaptureHealth.Day::received).sum(),
                rows.stream().mapToLong(d -> d.dropped() + d.interfaceDropped()).sum())));
        return sensors;
    }

    /** Whether a key names a port, as "23/tcp" (not "mirai/leaked", not "JP 23/tcp"). */
    static boolean isPortKey(String key) {
        return key.matches("\\d+/[a-z]+");
    }

    /** A port's key, as "23/tcp". */
    static String portKey(TrafficRows.Port p) {
        return p.port() + "/" + p.proto();
    }

    private static List<PortSeries> portSeries(QueryService service, List<Event> events, ReportOptions options,
                                               LocalDate from, LocalDate to) throws SQLException {
        Set<String> keys = new LinkedHashSet<>();
        events.stream().filter(e -> isPortKey(e.key())).sorted(Comparator.comparingLong(Event::peakSources).reversed())
                .forEach(e -> keys.add(e.key()));
        options.ports().forEach(p -> keys.add(p.toString()));
        List<PortSeries> series = new ArrayList<>();
        for (String key : keys) {
            if (series.size() == MAX_SERIES) {
                break;
            }
            series.add(new PortSeries(key, service.sources(List.of(PortSpec.parse(key)), from, to, null)));
        }
        return series;
    }

    /** One Table 2 per peak day of the port events, the ports peaking that day together, the largest first. */
    private static List<CountryTable> countryTables(QueryService service, List<Event> events)
            throws SQLException {
        Map<LocalDate, List<Event>> byPeak = new TreeMap<>();
        events.stream().filter(e -> isPortKey(e.key())).forEach(e -> byPeak.computeIfAbsent(e.peakDate(), d -> new ArrayList<>()).add(e));
        List<Map.Entry<LocalDate, List<Event>>> largest = new ArrayList<>(byPeak.entrySet());
        largest.sort(Comparator.comparingLong((Map.Entry<LocalDate, List<Event>> e) ->
                -e.getValue().stream().mapToLong(Event::peakSources).max().orElse(0)));
        Map<LocalDate, CountryTable> tables = new TreeMap<>();
        for (Map.Entry<LocalDate, List<Event>> peak : largest.subList(0, Math.min(MAX_COUNTRY_TABLES, largest.size()))) {
            List<String> ports = peak.getValue().stream().map(Event::key).sorted(ReportData::byPortNumber).toList();
            List<PortSpec> specs = ports.stream().map(PortSpec::parse).toList();
            LocalDate day = peak.getKey();
            tables.put(day, new CountryTable(day, ports, service.countries(specs, day, day, COUNTRY_ROWS)));
        }
        return List.copyOf(tables.values());
    }

    private static int byPortNumber(String a, String b) {
        return Integer.compare(PortSpec.parse(a).port(), PortSpec.parse(b).port());
    }

    private static CountryView countryView(QueryService service, String country, List<TrafficRows.Port> ports,
                                           List<Event> events, LocalDate from, LocalDate to) throws SQLException {
        if (country == null) {
            return null;
        }
        TrafficRows.Port busiest = ports.stream().filter(p -> p.proto().equals(IpProtocol.name(IpProtocol.TCP))).findFirst()
                .orElse(ports.isEmpty() ? null : ports.get(0));
        if (busiest == null) {
            return new CountryView(country, null, List.of(), List.of());
        }
        String port = portKey(busiest);
        List<TrafficRows.DaySources> days = service.sources(List.of(PortSpec.parse(port)), from, to, country);
        List<Event> spikes = events.stream().filter(e -> e.kind().equals(Event.COUNTRY_SPIKE) && e.key().startsWith(country + " ")).toList();
        return new CountryView(country, port, days, spikes);
    }

    /** The year's days with data, by date. */
    Map<LocalDate, TrafficRows.Day> daysByDate() {
        Map<LocalDate, TrafficRows.Day> byDate = new LinkedHashMap<>();
        days.forEach(d -> byDate.put(d.date(), d));
        return byDate;
    }
}
