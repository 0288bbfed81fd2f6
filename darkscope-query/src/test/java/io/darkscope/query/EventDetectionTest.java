package io.darkscope.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoTestData;
import io.darkscope.sim.SimulatedStores;
import io.darkscope.sim.SimulationOptions;
import io.darkscope.sim.Simulator;
import io.darkscope.sim.scenario.Scenario;
import io.darkscope.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The event detector on a scenario with scripted outbreaks, against its truth: every scripted
 * event found with its onset within one day, nothing else found, and the new sources
 * attributed to the countries and the AS the scenario drew them from. Needs the GeoIP data
 * (fetched by .ci/run), since sources are drawn from their countries' real space.
 */
class EventDetectionTest {
    @TempDir
    static Path dir;
    private static List<Event> events;
    private static JsonNode truth;

    @BeforeAll
    static void simulateIngestAndDetect() throws Exception {
        if (!GeoTestData.present()) {
            return; // each test is skipped, saying why
        }
        Path out = dir.resolve("sim");
        try (GeoData data = GeoTestData.open(dir)) {
            Scenario scenario = Scenario.load(Path.of(EventDetectionTest.class.getResource("outbreaks.yaml").toURI()).toString());
            new Simulator(scenario, new SimulationOptions(null, null, 1, 5, false, false, 2), data).run(out, n -> { });
            truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
            SimulatedStores.ingest(out, dir.resolve("data"));
            try (Store store = Store.open(dir.resolve("data"))) {
                events = new QueryService(store, data).detectEvents(null, null, 10, 10);
            }
        }
    }

    @BeforeEach
    void needsTheData() {
        assumeTrue(GeoTestData.present(), GeoTestData.ABSENT);
    }

    private static Event found(String key) {
        return events.stream().filter(e -> e.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not found among " + events));
    }

    @Test
    void everyScriptedEventIsFoundWithinADayAndNothingElse() {
        for (JsonNode e : truth.get("events")) {
            Event event = found(e.get("key").asText());
            long error = ChronoUnit.DAYS.between(LocalDate.parse(e.get("date").asText()), event.onset());
            assertThat(Math.abs(error)).as(e.get("key").asText() + " onset error in days").isLessThanOrEqualTo(1);
        }
        assertThat(events).extracting(Event::key).as("no event the scenario did not script")
                .allMatch(key -> List.of("7547/tcp", "445/tcp", "mirai", "mirai/leaked", "2323/tcp", "23/tcp", "JP 23/tcp").contains(key));
    }

    @Test
    void eventsSayWhatKindTheyAreAndHowFarTheyRose() {
        assertThat(found("7547/tcp").kind()).isEqualTo("new");
        Event smb = found("445/tcp");
        assertThat(smb.kind()).isEqualTo("rise");
        assertThat(smb.baseline()).isBetween(80.0, 120.0);
        assertThat(smb.growth()).isGreaterThan(4);
        assertThat(smb.end()).isNotNull().isAfter(smb.peakDate());
    }

    @Test
    void theNewSourcesAreAttributedToTheirCountriesAndNetwork() {
        assertThat(found("7547/tcp").topCountries().get(0)).startsWith("BR=");
        assertThat(found("7547/tcp").topCountries().get(1)).startsWith("IR=");
        assertThat(found("445/tcp").topCountries().get(0)).startsWith("KR=");
        assertThat(found("mirai/leaked").topCountries()).singleElement().asString().startsWith("VN=");
        Event japan = found("JP 23/tcp");
        assertThat(japan.kind()).isEqualTo("country-spike");
        assertThat(japan.topNetworks().get(0)).startsWith("AS17676 ");
    }
}
