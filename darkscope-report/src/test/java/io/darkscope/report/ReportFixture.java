package io.darkscope.report;

import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoTestData;
import io.darkscope.query.QueryService;
import io.darkscope.sim.SimulatedStores;
import io.darkscope.sim.SimulationOptions;
import io.darkscope.sim.Simulator;
import io.darkscope.sim.scenario.Scenario;
import io.darkscope.store.Store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * A store of four simulated months of 2016 (report-year.yaml) with three days' captures
 * removed and its events detected, and the GeoIP data when .ci/run fetched it (else countries
 * are unknown).
 */
final class ReportFixture {
    /** Days whose captures are not ingested: a gap inside the data. */
    static final List<LocalDate> REMOVED = List.of(LocalDate.of(2016, 9, 10), LocalDate.of(2016, 9, 11), LocalDate.of(2016, 9, 12));

    final Path data;
    final GeoData geo;

    private ReportFixture(Path data, GeoData geo) {
        this.data = data;
        this.geo = geo;
    }

    static ReportFixture create(Path dir) throws Exception {
        GeoData geo = GeoTestData.open(dir);
        Scenario scenario = Scenario.load(Path.of(ReportFixture.class.getResource("report-year.yaml").toURI()).toString());
        Path out = dir.resolve("simulation");
        Simulator simulator = new Simulator(scenario, new SimulationOptions(null, null, 1, 7, false, false, 2), geo);
        simulator.run(out, n -> { });
        for (LocalDate day : REMOVED) {
            Files.delete(out.resolve(Simulator.CAPTURES).resolve(simulator.fileName(day)));
        }
        Path data = dir.resolve("data");
        SimulatedStores.ingest(out, data);
        try (Store store = Store.open(data)) {
            new QueryService(store, geo).detectEvents(null, null, 10, 10);
        }
        return new ReportFixture(data, geo);
    }
}
