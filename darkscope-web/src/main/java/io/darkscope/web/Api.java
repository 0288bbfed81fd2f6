package io.darkscope.web;

import io.darkscope.analysis.backscatter.DosQueries;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.analysis.traffic.TrafficRows;
import io.darkscope.geo.GeoRows;
import io.darkscope.query.Event;
import io.darkscope.store.CaptureHealth;
import io.darkscope.web.alerts.AlertLog;

import java.util.List;

/**
 * The JSON API's endpoints: every CLI query under the CLI's names, with its options as query
 * parameters of the same names and defaults, answering the JSON the CLI prints with --format json.
 */
final class Api {
    private static final List<Param> RANGE = List.of(Param.FROM, Param.TO);

    private Api() {
    }

    static List<Endpoint> endpoints(AlertLog alerts, Reports reports) {
        return List.of(
                new Endpoint("/api/stats/yearly", "Per year: packets, monitored IPv4 addresses, IPv4 packets per address (seed Table 1).",
                        TrafficRows.Year.class, List.of(), (s, p) -> s.yearly()),
                new Endpoint("/api/stats/daily", "Per day: packets by protocol and distinct sources (seed Figures 1 and 2).",
                        TrafficRows.Day.class, RANGE, (s, p) -> s.daily(p.from(), p.to())),
                new Endpoint("/api/stats/ports", "Destination ports by packets, with share and distinct sources over the range (seed Figure 3).",
                        TrafficRows.Port.class, List.of(Param.FROM, Param.TO, Param.top(20), Param.PROTO),
                        (s, p) -> s.ports(p.from(), p.to(), p.top(), p.protocol())),
                new Endpoint("/api/stats/sources", "Per day: distinct sources that sent to any of the ports, of one country if given (seed Figures 4, 5).",
                        TrafficRows.DaySources.class, List.of(Param.PORT, Param.FROM, Param.TO, Param.COUNTRY),
                        (s, p) -> s.sources(p.ports(), p.from(), p.to(), p.country())),
                new Endpoint("/api/stats/traffic", "Packets by protocol class per 5 minutes or per hour; time is the slot's start in the store's zone.",
                        TrafficRows.Slot.class, List.of(Param.FROM, Param.TO, Param.RESOLUTION), (s, p) -> s.traffic(p.from(), p.to(), p.hourly())),
                new Endpoint("/api/stats/countries", "Distinct sources of the ports by country, then 'other' and 'total' rows (seed Table 2).",
                        GeoRows.Country.class, List.of(Param.PORT, Param.DATE, Param.FROM, Param.TO, Param.top(10)), (s, p) -> {
                            var days = p.days();
                            return s.countries(p.ports(), days[0], days[1], p.top());
                        }),
                new Endpoint("/api/stats/networks", "The AS, /16 or /24 networks the ports' sources came from, of one country if given.",
                        GeoRows.Network.class, List.of(Param.PORT, Param.DATE, Param.FROM, Param.TO, Param.COUNTRY, Param.BY, Param.top(10)),
                        (s, p) -> {
                            var days = p.days();
                            return s.networks(p.ports(), days[0], days[1], p.country(), p.by(), p.top());
                        }),
                new Endpoint("/api/fingerprints", "Scanner fingerprints and traffic classes: first and last seen, packets and sources per day.",
                        FingerprintQueries.Row.class, RANGE, (s, p) -> s.fingerprints(p.from(), p.to())),
                new Endpoint("/api/dos", "DoS attacks inferred from backscatter, largest estimated attack rate first.",
                        DosQueries.DosAttack.class, List.of(Param.FROM, Param.TO, Param.top(20)), (s, p) -> s.dos(p.from(), p.to(), p.top())),
                new Endpoint("/api/events", "Outbreaks (new, rise, country-spike) with an onset in the range, and who the new sources are.",
                        Event.class, RANGE, (s, p) -> s.events(p.from(), p.to())),
                new Endpoint("/api/health", "Capture health per sensor and day: share of the day observed, packets received and dropped.",
                        CaptureHealth.Day.class, RANGE, (s, p) -> s.health(p.from(), p.to())),
                new Endpoint("/api/alerts", "Alerts raised on a day of the range, with their deliveries to each webhook.",
                        AlertLog.Entry.class, RANGE, (s, p) -> alerts.list(p.from(), p.to())),
                new Endpoint("/api/credits", "Which GeoIP data attributes sources, with versions and licences.",
                        String.class, List.of(), (s, p) -> s.credits()),
                new Endpoint("/api/reports", "The yearly reports in the data directory, served at /reports/FILE.",
                        Reports.Report.class, List.of(), (s, p) -> reports.list()));
    }
}
