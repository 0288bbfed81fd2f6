package io.darkscope.cli;

import io.darkscope.geo.GeoData;
import io.darkscope.sim.SimulationOptions;
import io.darkscope.sim.Simulator;
import io.darkscope.sim.scenario.Scenario;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** {@code darkscope simulate}: writes the captures of a scenario, with the truth about them. */
@Command(name = "simulate", description = {
    "Writes simulated darknet captures, one file a day.",
    "Byte-faithful to real scanning tools, with truth.json (what was sent), darknet.txt and darkscope.yaml.",
    "Built-in scenario: nicter-2016 (the year of Mirai)."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "NAME|FILE", description = "nicter-2016, or a scenario file (YAML).")
    String scenario;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--from", paramLabel = "DATE", description = "First day (default: the scenario's).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day, inclusive (default: the scenario's).")
    LocalDate to;

    @Option(names = "--scale", paramLabel = "X", defaultValue = "0.001",
            description = "Multiplies every actor's sources (default: ${DEFAULT-VALUE}; 1 is the real telescope's size).")
    double scale;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed; the same seed gives the same files.")
    long seed;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pcap", description = "pcap or pcapng (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--gzip", description = "Gzip the captures.")
    boolean gzip;

    @Option(names = "--threads", paramLabel = "N", description = "Days generated at once (default: one per core).")
    Integer threads;

    @Mixin
    DataOptions data;

    @Mixin
    GeoOptions geoOptions;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("pcap") && !format.equals("pcapng")) {
            throw new IllegalArgumentException("--format must be pcap or pcapng");
        }
        Scenario s = Scenario.load(scenario);
        SimulationOptions options = new SimulationOptions(from, to, scale, seed, format.equals("pcapng"), gzip,
                threads != null ? threads : Runtime.getRuntime().availableProcessors());
        try (GeoData geo = geoOptions.open(data.data)) {
            return simulate(s, options, geo);
        }
    }

    private int simulate(Scenario s, SimulationOptions options, GeoData geo) throws Exception {
        Simulator simulator = new Simulator(s, options, geo);
        int days = simulator.days().size();
        PrintWriter console = spec.commandLine().getOut();
        long started = System.nanoTime();
        AtomicLong packets = new AtomicLong();
        long written;
        try (ProgressBar bar = System.console() == null ? null : ProgressReporter.terminalBar("simulate", days, " days").build()) {
            written = simulator.run(out, n -> {
                packets.addAndGet(n);
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(String.format(Locale.ROOT, "%,d packets", packets.get()));
                }
            });
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        console.printf(Locale.ROOT, "%s: %d days, %,d packets in %.1f s (%,.0f packets/s) -> %s%n", s.name(), days, written,
                seconds, written / seconds, out.resolve(Simulator.CAPTURES));
        console.printf(Locale.ROOT, "truth: %s; ingest with: darkscope ingest --config %s %s%n", out.resolve("truth.json"),
                out.resolve("darkscope.yaml"), out.resolve(Simulator.CAPTURES));
        console.printf(Locale.ROOT, "source addresses: %s%n", geo.countries().isPresent()
                ? "from their countries' space (" + String.join("; ", geo.credits()) + ")"
                : "from public space at random; countries are labels (run 'darkscope geo fetch' for real country space)");
        console.flush();
        return 0;
    }
}
