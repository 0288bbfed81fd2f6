package io.darkscope.web.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.darkscope.analysis.backscatter.DosQueries;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.config.DarkscopeConfig;
import io.darkscope.query.Event;
import io.darkscope.query.QueryService;
import io.darkscope.store.Store;
import io.darkscope.web.WebFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts over the five simulated weeks, day by day as a sensor would ask after its commits,
 * delivered to receivers on loopback: exactly the expected alerts, each once however often it
 * is asked; a failing receiver is tried again; the rate limit holds and the rest is stored as
 * suppressed.
 */
class AlertsTest {
    private static final LocalDate FIRST = LocalDate.of(2016, 9, 1);
    private static final LocalDate LAST = LocalDate.of(2016, 10, 5);
    /** The scenario's two masscan scans from the watched network (web-month.yaml). */
    private static final String WATCHED = "organisations:\n  - name: Example Hosting\n    prefixes: [45.80.1.0/24]\n";

    @TempDir
    Path dir;
    private Store store;
    private AlertLog log;
    private QueryService service;

    @BeforeEach
    void openACopyOfTheStore() throws Exception {
        WebFixture fixture = WebFixture.get();
        store = Store.open(fixture.copy());
        log = AlertLog.open(store);
        service = new QueryService(store, fixture.geo);
    }

    @AfterEach
    void close() {
        log.close();
        store.close();
    }

    private AlertConfig config(String yaml) throws Exception {
        Path file = dir.resolve("darkscope.yaml");
        Files.writeString(file, yaml);
        DarkscopeConfig.load(file); // the core's reader takes the file with these sections
        return AlertConfig.load(file);
    }

    private static String webhook(Receiver receiver, String more) {
        return "  webhooks:\n    - {name: test, url: \"" + receiver.url() + "\"" + more + "}\n";
    }

    private List<Alert> checkEveryDay(AlertEngine engine) throws Exception {
        List<Alert> raised = new ArrayList<>();
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            raised.addAll(engine.check(service, day));
        }
        return raised;
    }

    @Test
    void exactlyTheExpectedAlertsOnceEachHoweverOftenAsked() throws Exception {
        List<DosQueries.DosAttack> attacks = service.dos(null, null, 0);
        assertThat(attacks).as("the scenario's DoS attacks").hasSizeGreaterThan(4);
        double minRate = attacks.get(attacks.size() / 2).estimatedAttackPacketsPerSecond();
        Set<String> expected = new TreeSet<>();
        for (Event e : service.events(null, null)) {
            expected.add("event:" + e.kind() + " " + e.key() + ":" + e.onset());
        }
        expected.addAll(firstSeenFingerprints());
        for (DosQueries.DosAttack a : attacks) {
            if (a.estimatedAttackPacketsPerSecond() >= minRate) {
                expected.add("dos:" + a.victim() + " " + a.firstSeen() + ":" + a.firstSeen().substring(0, 10));
            }
        }
        expected.add("organisation:Example Hosting 45.80.1.2:2016-09-20");
        expected.add("organisation:Example Hosting 45.80.1.9:2016-09-28");
        assertThat(expected).contains("event:new 7547/tcp:2016-09-26", "fingerprint:masscan:2016-09-20")
                .doesNotContain("fingerprint:masscan:2016-09-28");

        try (Receiver receiver = new Receiver(0)) {
            AlertConfig config = config(WATCHED + "alerts:\n  rules:\n    - {rule: event}\n    - {rule: fingerprint, quiet_days: 30}\n"
                    + "    - {rule: dos, min_rate: " + minRate + "}\n    - {rule: organisation, organisations: [Example Hosting]}\n"
                    + webhook(receiver, ", max_per_minute: 1000"));
            AlertEngine engine = new AlertEngine(config, log);
            List<Alert> raised = checkEveryDay(engine);
            assertThat(checkEveryDay(engine)).as("asked again: nothing new").isEmpty();
            engine.close();
            try (AlertEngine again = new AlertEngine(config, log)) {
                assertThat(checkEveryDay(again)).as("a new engine on the same store: nothing new").isEmpty();
            }
            assertThat(raised.stream().map(Alert::id).toList()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            assertThat(receiver.ids).as("each delivered once").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            JsonNode watched = receiver.received.stream().filter(a -> a.get("id").asText().contains("45.80.1.2")).findFirst().orElseThrow();
            assertThat(watched.get("rule").asText()).isEqualTo("organisation");
            assertThat(watched.get("day").asText()).isEqualTo("2016-09-20");
            assertThat(watched.at("/details/ports").toString()).isEqualTo("[\"23/tcp\"]");
            assertThat(watched.at("/details/fingerprints").toString()).contains("\"masscan\"");
            assertThat(watched.at("/details/organisation").asText()).isEqualTo("Example Hosting");
            List<String> fields = new ArrayList<>();
            watched.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("id", "rule", "key", "day", "raised_at", "summary", "details");
            assertThat(log.list(null, null)).hasSize(expected.size()).allSatisfy(entry ->
                    assertThat(entry.deliveries()).containsExactly(new AlertLog.Delivery("test", "delivered", 1, null)));
        }
    }

    /** Every day a fingerprint has sources after none on the 30 days before, from the whole range's answer at once. */
    private Set<String> firstSeenFingerprints() throws Exception {
        Set<String> ids = new HashSet<>();
        for (FingerprintQueries.Row row : service.fingerprints(null, null)) {
            List<LocalDate> active = row.days().stream().filter(d -> d.sources() > 0).map(FingerprintQueries.FingerprintDay::date)
                    .sorted(Comparator.naturalOrder()).toList();
            for (int i = 0; i < active.size() && !row.fingerprint().startsWith("class/"); i++) {
                if (i == 0 || active.get(i - 1).isBefore(active.get(i).minusDays(30))) {
                    ids.add("fingerprint:" + row.fingerprint() + ":" + active.get(i));
                }
            }
        }
        return ids;
    }

    @Test
    void aFailingReceiverIsTriedAgainUntilItTakesTheAlertOrTheAttemptsRunOut() throws Exception {
        try (Receiver flaky = new Receiver(2); Receiver broken = new Receiver(Integer.MAX_VALUE)) {
            AlertConfig config = config(WATCHED + "alerts:\n  rules:\n    - {rule: organisation}\n  webhooks:\n"
                    + "    - {name: flaky, url: \"" + flaky.url() + "\", attempts: 3, backoff_seconds: 0.05}\n"
                    + "    - {name: broken, url: \"" + broken.url() + "\", attempts: 2, backoff_seconds: 0.05}\n");
            try (AlertEngine engine = new AlertEngine(config, log)) {
                assertThat(checkEveryDay(engine)).hasSize(2);
            }
            assertThat(flaky.ids).hasSize(2).doesNotHaveDuplicates();
            assertThat(flaky.tries.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(3));
            assertThat(broken.tries.values()).hasSize(2).allSatisfy(n -> assertThat(n.get()).isEqualTo(2));
            assertThat(log.list(null, null)).allSatisfy(entry -> assertThat(entry.deliveries()).containsExactly(
                    new AlertLog.Delivery("broken", "failed", 2, "HTTP status 500"), new AlertLog.Delivery("flaky", "delivered", 3, null)));
        }
    }

    @Test
    void theRateLimitHoldsAndTheRestIsStoredAsSuppressed() throws Exception {
        try (Receiver receiver = new Receiver(0)) {
            AlertConfig config = config("alerts:\n  rules:\n    - {rule: event}\n    - {rule: fingerprint}\n" + webhook(receiver, ", max_per_minute: 3"));
            Clock frozen = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
            List<Alert> raised;
            try (AlertEngine engine = new AlertEngine(config, log, frozen)) {
                raised = checkEveryDay(engine);
            }
            assertThat(raised).hasSizeGreaterThan(3);
            assertThat(receiver.ids).hasSize(3);
            List<AlertLog.Entry> entries = log.list(null, null);
            assertThat(entries).hasSize(raised.size());
            assertThat(entries.stream().filter(e -> e.deliveries().get(0).status().equals("suppressed")).count()).isEqualTo(raised.size() - 3);
            try (AlertEngine later = new AlertEngine(config, log, Clock.offset(frozen, java.time.Duration.ofSeconds(61)))) {
                assertThat(later.check(service, LAST)).as("nothing new").isEmpty();
            }
        }
    }

}
