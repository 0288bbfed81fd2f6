package io.darkscope.cli;

import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoFetch;
import io.darkscope.sim.Simulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code darkscope demo}: fetches the GeoIP data if it can, simulates the year 2016 of the
 * built-in nicter-2016 scenario at a small scale, ingests it into the data directory and prints
 * the statistics the NICTER report opens with: the main job on an embedded default, with no
 * input needed. Running it again reuses the data and the simulation and changes nothing.
 */
@Command(name = "demo", description = "Simulates 2016 (built-in nicter-2016 scenario), ingests it, prints its statistics and writes its report.")
final class DemoCommand implements Callable<Integer> {
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
        String dataDir = data.data.toString();
        fetchGeoData(out);
        if (Files.exists(simulation.resolve("truth.json"))) {
            out.println("== reusing the simulation in " + simulation);
        } else {
            // --force: what an interrupted run left there is replaced
            int status = step(out, "simulate", "simulate", "--scenario", "nicter-2016", "--scale", Double.toString(scale), "--gzip",
                    "--data", dataDir, "--out", simulation.toString(), "--force");
            if (status != 0) {
                return status;
            }
        }
        int status = step(out, "ingest", "ingest", "--data", dataDir, "--config", simulation.resolve("darkscope.yaml").toString(),
                simulation.resolve(Simulator.CAPTURES).toString());
        if (status != 0) {
            return status;
        }
        step(out, "stats yearly", "stats", "yearly", "--data", dataDir);
        step(out, "stats ports --top 10", "stats", "ports", "--data", dataDir, "--top", "10");
        step(out, "stats sources --port 23/tcp,2323/tcp (Mirai, September)", "stats", "sources", "--data", dataDir,
                "--port", "23/tcp,2323/tcp", "--from", "2016-09-10", "--to", "2016-09-24");
        step(out, "stats sources --port 7547/tcp,5555/tcp (the TR-069 worm, November)", "stats", "sources", "--data", dataDir,
                "--port", "7547/tcp,5555/tcp", "--from", "2016-11-22", "--to", "2016-12-02");
        step(out, "stats countries --date 2016-09-20 --port 23/tcp,2323/tcp (Table 2)", "stats", "countries", "--data", dataDir,
                "--date", "2016-09-20", "--port", "23/tcp,2323/tcp");
        step(out, "stats countries --date 2016-11-27 --port 7547/tcp,5555/tcp (Table 2)", "stats", "countries", "--data", dataDir,
                "--date", "2016-11-27", "--port", "7547/tcp,5555/tcp");
        Path report = data.data.resolve("report-2016-en.html");
        step(out, "report --year 2016 (the observation report, every table and figure)", "report", "--data", dataDir,
                "--year", "2016", "--out", report.toString());
        out.println();
        out.println("The store is in " + dataDir + "/" + io.darkscope.store.Store.DATABASE
                + "; the simulation's truth in " + simulation.resolve("truth.json") + "; the report in " + report
                + " (open it in a browser). Try 'bin/darkscope stats --help'.");
        out.flush();
        return 0;
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

    private int step(PrintWriter out, String title, String... args) {
        out.println();
        out.println("== darkscope " + title);
        out.flush();
        CommandLine root = spec.root().commandLine();
        return root.execute(args);
    }
}
