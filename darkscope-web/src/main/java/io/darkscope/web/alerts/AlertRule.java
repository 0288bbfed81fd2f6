package io.darkscope.web.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.darkscope.analysis.backscatter.DosQueries;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.query.Event;
import io.darkscope.query.Json;
import io.darkscope.query.QueryService;
import io.darkscope.query.WatchedSource;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A rule of the {@code alerts:} section: what it looks for on a day, through the query service. */
public sealed interface AlertRule {
    /** The alerts the rule finds for a day (the alert log keeps each id once). */
    List<Alert> find(QueryService service, LocalDate day, Instant now) throws SQLException;

    /**
     * Outbreaks of the given kinds (new, rise, country-spike) with an onset in the week up to the
     * day: the detector confirms an onset a day or two after it, so the week catches it late too.
     */
    record NewEvent(Set<String> kinds) implements AlertRule {
        static final int LOOKBACK_DAYS = 7;

        @Override
        public List<Alert> find(QueryService service, LocalDate day, Instant now) throws SQLException {
            List<Alert> alerts = new ArrayList<>();
            for (Event e : service.events(day.minusDays(LOOKBACK_DAYS), day)) {
                if (kinds.contains(e.kind())) {
                    String summary = e.kind() + " " + e.key() + " from " + e.onset() + ": " + e.peakSources() + " sources at its peak on "
                            + e.peakDate() + " (baseline " + Math.round(e.baseline()) + "); new sources from " + String.join(", ", e.topCountries());
                    alerts.add(Alert.of("event", e.kind() + " " + e.key(), e.onset(), now, summary, Json.MAPPER.valueToTree(e)));
                }
            }
            return alerts;
        }
    }

    /** A fingerprint with sources on the day after none on the {@code quietDays} before it. */
    record FingerprintFirstSeen(int quietDays) implements AlertRule {
        @Override
        public List<Alert> find(QueryService service, LocalDate day, Instant now) throws SQLException {
            List<Alert> alerts = new ArrayList<>();
            for (FingerprintQueries.Row row : service.fingerprints(day.minusDays(quietDays), day)) {
                List<FingerprintQueries.FingerprintDay> active = row.days().stream().filter(d -> d.sources() > 0).toList();
                if (!row.fingerprint().startsWith("class/") && active.size() == 1 && active.get(0).date().equals(day)) {
                    FingerprintQueries.FingerprintDay d = active.get(0);
                    String summary = "fingerprint " + row.fingerprint() + " seen after " + quietDays + " days without: " + d.sources()
                            + " sources, " + d.packets() + " packets";
                    alerts.add(Alert.of("fingerprint", row.fingerprint(), day, now, summary, Json.MAPPER.<ObjectNode>valueToTree(d)
                            .put("fingerprint", row.fingerprint())));
                }
            }
            return alerts;
        }
    }

    /**
     * A DoS attack whose estimated rate reaches {@code minRate} packets per second, seen on the day
     * or the one before (an attack across midnight keeps its start, so its id).
     */
    record DosAbove(double minRate) implements AlertRule {
        @Override
        public List<Alert> find(QueryService service, LocalDate day, Instant now) throws SQLException {
            List<Alert> alerts = new ArrayList<>();
            for (DosQueries.DosAttack a : service.dos(day.minusDays(1), day, 0)) {
                if (a.estimatedAttackPacketsPerSecond() >= minRate) {
                    String summary = String.format(Locale.ROOT, "DoS attack on %s (ports %s) from %s: estimated %,.0f packets/s",
                            a.victim(), a.ports(), a.firstSeen(), a.estimatedAttackPacketsPerSecond());
                    LocalDate start = LocalDate.parse(a.firstSeen().substring(0, 10));
                    alerts.add(Alert.of("dos", a.victim() + " " + a.firstSeen(), start, now, summary, Json.MAPPER.valueToTree(a)));
                }
            }
            return alerts;
        }
    }

    /** An address of a watched organisation seen as a darknet source on the day: one alert an address and day. */
    record OrganisationWatch(List<Organisation> organisations) implements AlertRule {
        @Override
        public List<Alert> find(QueryService service, LocalDate day, Instant now) throws SQLException {
            List<Alert> alerts = new ArrayList<>();
            for (Organisation o : organisations) {
                for (WatchedSource s : service.sourcesIn(o.prefixes(), day)) {
                    String summary = o.name() + ": " + s.address() + " was a darknet source on " + day + " (ports " + String.join(",", s.ports())
                            + (s.fingerprints().isEmpty() ? "" : "; " + String.join(", ", s.fingerprints())) + ")";
                    alerts.add(Alert.of("organisation", o.name() + " " + s.address(), day, now, summary,
                            Json.MAPPER.<ObjectNode>valueToTree(s).put("organisation", o.name())));
                }
            }
            return alerts;
        }
    }
}
