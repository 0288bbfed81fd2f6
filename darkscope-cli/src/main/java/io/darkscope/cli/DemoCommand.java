package io.darkscope.cli;

import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoFetch;
import io.darkscope.query.Json;
import io.darkscope.sim.Simulator;
import io.darkscope.sim.scenario.Scenario;
import io.darkscope.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code darkscope demo}: fetches the GeoIP data if it can, simulates the year 2016 of the
 * built-in nicter-2016 scenario at a small scale, ingests it into the data directory, prints the
 * statistics the NICTER report tells its year with (Table 1, the ports, Mirai in September, the
 * TR-069 worm in November, Table 2 at both peaks, Japan's December spike and the network behind
 * it) and writes the report: the main job on an embedded default, with no input needed. Running
 * it again reuses the data and the simulation and changes nothing.
 */
@Command(name = "demo", description = "Simulates 2016 (built-in nicter-2016 scenario), ingests it, prints its story in statistics and writes its report.")
final class DemoCommand implements Callable<Integer> {
    private static final String SCENARIO = "nicter-2016";

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--scale", paramLabel = "X", defaultValue = "0.0002", converter = Converters.PositiveNumber.class,
            description = "Scale of the simulated telescope (default: ${DEFAULT-VALUE}).")
    double scale;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path simulation = data.data.resolve("demo-simulation");
        fetchGeoData(out);
        int status = simulate(out, simulation);
        if (status == 0) {
            status = step(out, null, "ingest", "--config", simulation.resolve("darkscope.yaml").toString(),
                    simulation.resolve(Simulator.CAPTURES).toString());
        }
        if (status != 0) {
            return status;
        }
        step(out, "Table 1", "stats", "yearly");
        step(out, "Figure 3", "stats", "ports", "--top", "10");
        step(out, "Mirai, September", "stats", "sources", "--port", "23/tcp,2323/tcp", "--from", "2016-09-10", "--to", "2016-09-24");
        step(out, "the TR-069 worm, November", "stats", "sources", "--port", "7547/tcp,5555/tcp", "--from", "2016-11-22", "--to", "2016-12-02");
        step(out, "Table 2 at Mirai's peak", "stats", "countries", "--date", "2016-09-20", "--port", "23/tcp,2323/tcp");
        japanCaveat(out);
        step(out, "Table 2 at the worm's peak", "stats", "countries", "--date", "2016-11-27", "--port", "7547/tcp,5555/tcp");
        step(out, "Figure 5: Japan's December spike", "stats", "sources", "--port", "23/tcp", "--country", "JP",
                "--from", "2016-11-28", "--to", "2016-12-16");
        step(out, "who is behind it", "stats", "networks", "--port", "23/tcp", "--country", "JP", "--date", "2016-12-07", "--top", "3");
        Path report = data.data.resolve("report-2016-en.html");
        step(out, "the observation report, every table and figure", "report", "--year", "2016", "--out", report.toString());
        out.println();
        out.println("The store is in " + data.data.resolve(Store.DATABASE) + "; the simulation's truth in " + simulation.resolve("truth.json")
                + "; the report in " + report + " (open it in a browser). Try 'bin/darkscope stats --help'.");
        out.flush();
        return 0;
    }

    /** The simulation, written once: a second run reuses it, at the scale it was written with. */
    private int simulate(PrintWriter out, Path simulation) throws IOException {
        Path truth = simulation.resolve("truth.json");
        if (Files.exists(truth)) {
            scale = Json.MAPPER.readTree(truth.toFile()).path("scale").asDouble(scale);
            out.println("== reusing the simulation in " + simulation + " (scale " + plain(scale) + ")");
            return 0;
        }
        // --force: what an interrupted run left there is replaced
        return step(out, null, "simulate", "--scenario", SCENARIO, "--scale", plain(scale), "--gzip", "--out", simulation.toString(),
                "--force");
    }

    /**
     * Japan is simulated at a scale of its own (min_scale) for its figures to show at the demo's:
     * says so under Table 2, whose share for Japan is inflated as much.
     */
    private void japanCaveat(PrintWriter out) throws IOException {
        double japan = Scenario.load(SCENARIO).actors().stream()
                .filter(a -> a.countryCodes().equals(List.of("JP")) || "JP".equals(a.prefixCountry()))
                .mapToDouble(a -> a.scale(scale)).max().orElse(scale);
        if (japan > scale) {
            out.printf(Locale.ROOT, "note: Japan's sources are simulated at scale %s, %,.0f times the others' (%s), for its own figures (Figure 5,%n"
                    + "      below) to show; its share here is inflated as much (NICT's Table 2 had Japan outside the top ten).%n",
                    plain(japan), japan / scale, plain(scale));
            out.flush();
        }
    }

    /** The GeoIP data, fetched once into the user's cache; without it the demo still runs, with unknown countries. */
    private void fetchGeoData(PrintWriter out) {
        Path cache = GeoData.userCache();
        if (GeoFetch.present(data.data.resolve(GeoData.DIRECTORY)) || GeoFetch.present(cache)) {
            return;
        }
        out.println("== fetching GeoIP and AS data (ip-location-db: NRO, RouteViews, DB-IP) into " + cache);
        out.flush();
        try {
            GeoFetch.fetch(cache);
        } catch (IOException e) {
            out.println("   could not fetch it (" + e.getMessage() + "); countries will be unknown");
        }
    }

    private static String plain(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    /** Runs one darkscope command on the demo's data directory, under a title that shows it as a user would type it. */
    private int step(PrintWriter out, String what, String... args) {
        out.println();
        out.println("== darkscope " + String.join(" ", args) + (what == null ? "" : "  (" + what + ")"));
        out.flush();
        String[] withData = Arrays.copyOf(args, args.length + 2);
        withData[args.length] = "--data";
        withData[args.length + 1] = data.data.toString();
        CommandLine cli = Darkscope.commandLineFor(withData);
        cli.setOut(spec.root().commandLine().getOut());
        cli.setErr(spec.root().commandLine().getErr());
        return cli.execute(withData);
    }
}
