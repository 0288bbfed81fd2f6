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

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** {@code darkscope simulate}: writes the captures of a scenario, with the truth about them. */
@Command(name = "simulate", description = {
    "Writes simulated darknet captures, one file a day.",
    "Byte-faithful to real scanning tools, with truth.json (what was sent), darknet.txt and darkscope.yaml.",
    "Built-in scenario: nicter-2016 (the year of Mirai)."})
final class SimulateCommand implements Callable<Integer> {
    /** The capture formats written. */
    enum CaptureFormat { pcap, pcapng }

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "NAME|FILE", description = "nicter-2016, or a scenario file (YAML).")
    String scenario;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory: new or empty, unless --force.")
    Path out;

    @Option(names = "--force", description = "Replace what an earlier simulation wrote in --out DIR (its captures and truth) instead of refusing.")
    boolean force;

    @Option(names = "--from", paramLabel = "DATE", description = "First day (default: the scenario's).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day, inclusive (default: the scenario's).")
    LocalDate to;

    @Option(names = "--scale", paramLabel = "X", defaultValue = "0.001", converter = Converters.PositiveNumber.class,
            description = "Multiplies every actor's sources (default: ${DEFAULT-VALUE}; 1 is the real telescope's size).")
    double scale;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed; the same seed gives the same files.")
    long seed;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pcap", description = "pcap or pcapng (default: ${DEFAULT-VALUE}).")
    CaptureFormat format;

    @Option(names = "--gzip", description = "Gzip the captures.")
    boolean gzip;

    @Option(names = "--threads", paramLabel = "N", converter = Converters.Positive.class, description = "Days generated at once (default: one per core).")
    Integer threads;

    @Mixin
    DataOptions data;

    @Mixin
    GeoOptions geoOptions;

    @Override
    public Integer call() throws Exception {
        Scenario s = Scenario.load(scenario);
        checkDays(s);
        prepareOutput();
        SimulationOptions options = new SimulationOptions(from, to, scale, seed, format == CaptureFormat.pcapng, gzip,
                threads != null ? threads : Runtime.getRuntime().availableProcessors());
        try (GeoData geo = geoOptions.open(data.data)) {
            return simulate(s, options, geo);
        }
    }

    /** Days outside the scenario are refused, not silently dropped. */
    private void checkDays(Scenario s) {
        DateRange.check(from, to);
        for (LocalDate day : new LocalDate[] {from, to}) {
            if (day != null && (day.isBefore(s.from()) || day.isAfter(s.to()))) {
                throw new IllegalArgumentException((day == from ? "--from " : "--to ") + day + " is outside the scenario " + s.name()
                        + ", which covers " + s.from() + ".." + s.to());
            }
        }
    }

    /** A new simulation goes into a new or empty directory: days of an earlier one would mix with it, and its truth would not match. */
    private void prepareOutput() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a directory");
        }
        if (!isEmpty(out)) {
            if (!force) {
                throw new IllegalArgumentException("--out " + out + " is not empty: give a new directory, or --force to replace the simulation in it");
            }
            Simulator.removeOutput(out);
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    private int simulate(Scenario s, SimulationOptions options, GeoData geo) throws Exception {
        Simulator simulator = new Simulator(s, options, geo);
        int days = simulator.days().size();
        PrintWriter console = spec.commandLine().getOut();
        long started = System.nanoTime();
        AtomicLong packets = new AtomicLong();
        long written;
        try (ProgressBar bar = System.console() == null ? null : ProgressReporter.terminalBar("simulate", days, state -> List.of(
                "day " + state.getCurrent() + "/" + days, String.format(Locale.ROOT, "%,d packets", packets.get()), ProgressLine.eta(state)))
                .build()) {
            written = simulator.run(out, n -> {
                packets.addAndGet(n);
                if (bar != null) {
                    bar.step();
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
