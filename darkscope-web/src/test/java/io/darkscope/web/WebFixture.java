package io.darkscope.web;

import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoTestData;
import io.darkscope.query.QueryService;
import io.darkscope.sim.SimulatedStores;
import io.darkscope.sim.SimulationOptions;
import io.darkscope.sim.Simulator;
import io.darkscope.sim.scenario.Scenario;
import io.darkscope.store.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One store for every test of the module, simulated once a JVM (web-month.yaml: five weeks,
 * events detected), with the GeoIP data when .ci/run fetched it (else countries are unknown).
 */
public final class WebFixture {
    private static WebFixture instance;
    public final Path dir;
    public final Path data;
    public final GeoData geo;

    private WebFixture(Path dir, Path data, GeoData geo) {
        this.dir = dir;
        this.data = data;
        this.geo = geo;
    }

    public static synchronized WebFixture get() throws Exception {
        if (instance == null) {
            instance = create(Files.createTempDirectory("darkscope-web-test"));
        }
        return instance;
    }

    /** A copy of the store in a directory of its own, for a test that writes to it. */
    public Path copy() throws IOException {
        Path copy = Files.createTempDirectory(dir, "copy");
        Files.copy(data.resolve(Store.DATABASE), copy.resolve(Store.DATABASE));
        return copy;
    }

    private static WebFixture create(Path dir) throws Exception {
        GeoData geo = GeoTestData.open(dir);
        Scenario scenario = Scenario.load(Path.of(WebFixture.class.getResource("web-month.yaml").toURI()).toString());
        Path simulation = dir.resolve("simulation");
        new Simulator(scenario, new SimulationOptions(null, null, 1, 3, false, false, 2), geo).run(simulation, n -> { });
        Path data = dir.resolve("data");
        SimulatedStores.ingest(simulation, data);
        try (Store store = Store.open(data)) {
            new QueryService(store, geo).detectEvents(null, null, 10, 10);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        return new WebFixture(dir, data, geo);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
