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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Events judged against the global trend, on a scenario whose truth says what happened: a Telnet
 * wave all countries follow, a Japanese spike inside it, a survey scanner starting on 443/tcp.
 * Needs the GeoIP data, since sources are drawn from their countries' real space.
 */
class EventsAgainstTheTrendTest {
    @TempDir
    static Path dir;
    private static JsonNode truth;
    private static Store store;
    private static GeoData geo;

    @BeforeAll
    static void simulateAndIngest() throws Exception {
        if (!GeoTestData.present()) {
            return; // each test is skipped, saying why
        }
        Path out = dir.resolve("sim");
        geo = GeoTestData.open(dir);
        Scenario scenario = Scenario.load(Path.of(EventsAgainstTheTrendTest.class.getResource("trend.yaml").toURI()).toString());
        new Simulator(scenario, new SimulationOptions(null, null, 1, 3, false, false, 2), geo).run(out, n -> { });
        truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        SimulatedStores.ingest(out, dir.resolve("data"));
        store = Store.open(dir.resolve("data"));
    }

    @AfterAll
    static void close() throws Exception {
        if (store != null) {
            store.close();
            geo.close();
        }
    }

    @BeforeEach
    void needsTheData() {
        assumeTrue(GeoTestData.present(), GeoTestData.ABSENT);
    }

    private static LocalDate scripted(String key) {
        for (JsonNode e : truth.get("events")) {
            if (e.get("key").asText().equals(key)) {
                return LocalDate.parse(e.get("date").asText());
            }
        }
        throw new AssertionError(key + " is not scripted");
    }

    private static List<Event> detect() throws Exception {
        return new QueryService(store, geo).detectEvents(null, null, 10, 10);
    }

    @Test
    void countriesFollowingTheWaveAreInItsBreakdownAndTheSpikeInsideItIsDatedToItsOwnOnset() throws Exception {
        List<Event> events = detect().stream().filter(e -> !e.key().equals("443/tcp")).toList(); // the survey scanner's, listed or not
        assertThat(events).extracting(Event::key).containsExactlyInAnyOrder("23/tcp", "JP 23/tcp");
        Event wave = events.stream().filter(e -> e.key().equals("23/tcp")).findFirst().orElseThrow();
        assertThat(wave.onset()).isBetween(scripted("23/tcp").minusDays(1), scripted("23/tcp").plusDays(1));
        assertThat(wave.topCountries()).extracting(c -> c.substring(0, 2)).contains("CN", "US", "BR", "JP");
        Event japan = events.stream().filter(e -> e.key().equals("JP 23/tcp")).findFirst().orElseThrow();
        assertThat(japan.onset()).isBetween(scripted("JP 23/tcp").minusDays(1), scripted("JP 23/tcp").plusDays(1));
        assertThat(japan.topNetworks().get(0)).startsWith("AS17676 ");
    }

    @Test
    void aSurveyScannerMakesNoOutbreakOnceItsListIsImported() throws Exception {
        QueryService service = new QueryService(store, geo);
        assertThat(detect()).as("unlisted, it is an outbreak like any").anyMatch(e -> e.key().equals("443/tcp"));
        assertThat(service.events(null, null)).as("and stored").anyMatch(e -> e.key().equals("443/tcp"));
        service.importSurveyList(dir.resolve("sim").resolve(Simulator.SURVEY_JSON), null, null, null);
        assertThat(service.refreshEvents()).as("found again with the same thresholds, as scanners import does")
                .extracting(Event::key).containsExactlyInAnyOrder("23/tcp", "JP 23/tcp");
        assertThat(service.events(null, null)).as("and stored in their place").extracting(Event::key).containsExactlyInAnyOrder("23/tcp", "JP 23/tcp");
        assertThat(detect()).extracting(Event::key).containsExactlyInAnyOrder("23/tcp", "JP 23/tcp");
    }
}
