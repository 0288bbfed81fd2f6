package io.darkscope.report;

import io.darkscope.analysis.traffic.PortSpec;
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
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A store of four simulated months of 2016 (report-year.yaml) with three days' captures
 * removed and its events detected, with the GeoIP data when the user's cache has it (else
 * countries are unknown), and its report in both languages. Made once for all the report's
 * test classes ({@link #shared}): a simulation, an ingest and a report take seconds each. Tests
 * read it and write only to a {@link #copyTo copy}.
 */
final class ReportFixture {
    /** Days whose captures are not ingested: a gap inside the data. */
    static final List<LocalDate> REMOVED = List.of(LocalDate.of(2016, 9, 10), LocalDate.of(2016, 9, 11), LocalDate.of(2016, 9, 12));
    /** What the shared report shows: 2016, Japan's Figure 5, 22/TCP added to Figure 4. */
    static final ReportOptions OPTIONS = new ReportOptions(2016, "JP", List.of(PortSpec.parse("22/tcp")), 10);
    private static ReportFixture shared;

    final Path data;
    final GeoData geo;
    private final Map<Language, String> html = new EnumMap<>(Language.class);

    private ReportFixture(Path data, GeoData geo) {
        this.data = data;
        this.geo = geo;
    }

    /** The fixture of this test run, made by the first test class that asks; deleted when the run ends. */
    static synchronized ReportFixture shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("darkscope-report-fixture");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            shared = create(dir);
        }
        return shared;
    }

    private static ReportFixture create(Path dir) throws Exception {
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

    /** The report of {@link #OPTIONS} in a language, rendered once. */
    synchronized String html(Language language) throws Exception {
        if (html.isEmpty()) {
            try (Store store = Store.openReadOnly(data)) {
                ReportData report = ReportData.gather(new QueryService(store, geo), OPTIONS);
                for (Language l : Language.values()) {
                    html.put(l, HtmlReport.render(report, l));
                }
            }
        }
        return html.get(language);
    }

    /** A copy of the store in {@code dir}, for a test that writes to it. */
    Path copyTo(Path dir) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("data"));
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
