package io.darkscope.cli;

import io.darkscope.config.DarkscopeConfig;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.geo.GeoData;
import io.darkscope.ingest.FileReport;
import io.darkscope.ingest.IngestOptions;
import io.darkscope.ingest.IngestSummary;
import io.darkscope.pipeline.SkipReason;
import io.darkscope.query.LiveFeed;
import io.darkscope.query.QueryService;
import io.darkscope.sensor.DirectoryFollower;
import io.darkscope.sensor.FrameSource;
import io.darkscope.sensor.InterfaceSource;
import io.darkscope.sensor.Sensor;
import io.darkscope.sensor.SensorException;
import io.darkscope.sensor.StreamSource;
import io.darkscope.store.Store;
import io.darkscope.web.WebOptions;
import io.darkscope.web.WebServer;
import io.darkscope.web.alerts.AlertConfig;
import io.darkscope.web.alerts.AlertEngine;
import io.darkscope.web.alerts.AlertLog;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code darkscope observe}: a sensor that captures and commits every minute until stopped. */
@Command(name = "observe", description = {
    "Captures darknet traffic and commits it to the store every minute, until stopped (Ctrl-C commits the last minute).",
    "From a live interface (libpcap; needs root or CAP_NET_RAW), a pcap stream on standard input ('-'),",
    "or a directory another tool writes rotated captures into (--follow). A restart resumes after the last commit."})
final class ObserveCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    CountingOptions counting;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = {"-i", "--interface"}, paramLabel = "IF", description = "Capture live on this interface.")
        String networkInterface;

        @Parameters(paramLabel = "-", arity = "1", description = "'-': read a pcap or pcapng stream from standard input, e.g. tcpdump -U -w -.")
        String stdin;

        @Option(names = "--follow", paramLabel = "DIR", description = "Ingest the captures written into DIR as each is complete.")
        Path follow;
    }

    @Option(names = "--name", paramLabel = "NAME", description = "The sensor's name in the store (default: the interface, 'stdin', or the directory).")
    String name;

    @Option(names = "--commit-every", paramLabel = "DURATION", defaultValue = "60s", converter = Durations.class,
            description = "Length of a committed window (default: ${DEFAULT-VALUE}); a kill -9 loses at most one.")
    Duration interval;

    @Option(names = "--lateness", paramLabel = "DURATION", defaultValue = "5s", converter = Durations.class,
            description = "How long frames of a window may arrive after its end (default: ${DEFAULT-VALUE}).")
    Duration lateness;

    @Option(names = "--archive", paramLabel = "DIR", description = "Also keep the captured frames, as one compressed pcapng file an hour.")
    Path archive;

    @Option(names = "--archive-format", paramLabel = "gzip|zstd", defaultValue = "gzip", description = "Compression of the archive (default: ${DEFAULT-VALUE}).")
    String archiveFormat;

    @Option(names = "--snaplen", paramLabel = "BYTES", defaultValue = "128", description = "Bytes kept of each frame (default: ${DEFAULT-VALUE}: headers only).")
    int snapLength;

    @Option(names = "--buffer", paramLabel = "MIB", defaultValue = "64", description = "Kernel capture buffer in MiB (default: ${DEFAULT-VALUE}).")
    int bufferMib;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "60s", converter = Durations.class,
            description = "With --follow: a file is complete once unchanged this long (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--serve", description = "Also serve the API and the dashboard (see darkscope serve), with the live counters.")
    boolean serve;

    @Mixin
    WebServing serving;

    @Mixin
    GeoOptions geoOptions;

    /** Counted down by SIGTERM or Ctrl-C; the summary is printed before the JVM ends. */
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch reported = new CountDownLatch(1);
    private volatile boolean stopping;

    @Option(names = "--quiet", description = "Print only problems and the final summary, not a line per window.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        DarkscopeConfig config = data.loadConfig();
        validate();
        WebOptions webOptions = serve ? serving.options() : null;
        try (Store store = Store.open(data.data); GeoData geo = geoOptions.open(data.data); AlertLog alertLog = AlertLog.open(store);
             AlertEngine alerts = new AlertEngine(alertConfig(), alertLog)) {
            DarknetRegistry registry = counting.registry(config, store, data);
            ZoneId zone = counting.zone(config, store);
            QueryService queries = new QueryService(store, geo);
            if (what.follow != null) {
                DirectoryFollower follower = new DirectoryFollower(store, IngestOptions.defaults(registry, zone).withWorkers(counting.workers()),
                        what.follow, settle, Duration.ofSeconds(5));
                try (WebServer server = serve(store, geo, LiveFeed.NONE, alertLog, webOptions)) {
                    return follow(follower, queries, alerts, zone);
                }
            }
            FrameSource source = what.networkInterface != null
                    ? InterfaceSource.open(what.networkInterface, registry, snapLength, bufferMib << 20)
                    : StreamSource.open(System.in, "standard input");
            Sensor.Options options = Sensor.Options.named(sensorName()).every(interval, lateness);
            if (archive != null) {
                options = options.archivedIn(archive, archiveFormat.equals("zstd"));
            }
            Sensor sensor = new Sensor(store, registry, zone, counting.workers(), source, options, w -> committed(w, zone, queries, alerts));
            try (WebServer server = serve(store, geo, sensor.live(), alertLog, webOptions)) {
                int status = observe(sensor, source, options, queries);
                if (server != null && !stopping) {
                    err().println("the capture ended; still serving at " + server.url() + " until interrupted (Ctrl-C)");
                    err().flush();
                    interrupted.await();
                }
                return status;
            }
        }
    }

    private Integer observe(Sensor sensor, FrameSource source, Sensor.Options options, QueryService queries) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(sensor), "darkscope-stop"));
        err().printf(Locale.ROOT, "observing %s as sensor '%s', committing every %s to %s%n", source.describe(), options.name(),
                Durations.format(interval), data.data);
        err().flush();
        Sensor.Summary summary = sensor.run();
        refreshEvents(queries);
        printSummary(summary, source);
        reported.countDown(); // the hook stays: with --serve, Ctrl-C also ends the serving after the capture
        return source instanceof StreamSource s && !s.problems().isEmpty() ? Darkscope.USER_ERROR : 0;
    }

    /** The server beside the sensor, or null; it reads the store through connections of its own while the sensor commits. */
    private WebServer serve(Store store, GeoData geo, LiveFeed live, AlertLog alertLog, WebOptions options) throws Exception {
        if (options == null) {
            return null;
        }
        WebServer server = WebServer.start(store, geo, live, alertLog, options);
        err().println("serving the API and the dashboard at " + server.url() + (options.token() != null ? " (token required)" : ""));
        err().flush();
        return server;
    }

    private AlertConfig alertConfig() throws Exception {
        Path file = data.config != null ? data.config : DataOptions.DEFAULT_CONFIG;
        return Files.isRegularFile(file) ? AlertConfig.load(file) : AlertConfig.NONE;
    }

    private void validate() {
        if (what.stdin != null && !what.stdin.equals("-")) {
            throw new IllegalArgumentException("'" + what.stdin + "' is not a source: give --interface IF, '-' for standard input, or --follow DIR"
                    + (Files.isRegularFile(Path.of(what.stdin)) ? " (a capture file is read with 'darkscope ingest')" : ""));
        }
        if (snapLength < 68 || snapLength > 262_144) {
            throw new IllegalArgumentException("--snaplen must be between 68 and 262144 bytes");
        }
        if (bufferMib < 1 || bufferMib > 4096) {
            throw new IllegalArgumentException("--buffer must be between 1 and 4096 MiB");
        }
        if (!archiveFormat.equals("gzip") && !archiveFormat.equals("zstd")) {
            throw new IllegalArgumentException("--archive-format must be gzip or zstd");
        }
        if (what.follow != null && !Files.isDirectory(what.follow)) {
            throw new IllegalArgumentException("no directory " + what.follow);
        }
    }

    private String sensorName() {
        if (name != null) {
            return name;
        }
        return what.networkInterface != null ? what.networkInterface : "stdin";
    }

    private int follow(DirectoryFollower follower, QueryService queries, AlertEngine alerts, ZoneId zone) throws Exception {
        Thread hook = new Thread(follower::stop, "darkscope-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        err().printf(Locale.ROOT, "following %s: each capture is ingested once unchanged for %s%n", what.follow, Durations.format(settle));
        err().flush();
        follower.run(summary -> {
            printIngest(summary);
            refreshEvents(queries);
            summary.files().stream().map(FileReport::file).filter(f -> f.firstPacket() != null)
                    .flatMap(f -> LocalDate.ofInstant(f.firstPacket(), zone).datesUntil(LocalDate.ofInstant(f.lastPacket(), zone).plusDays(1)))
                    .distinct().forEach(day -> checkAlerts(alerts, queries, day));
        });
        return 0;
    }

    private void printIngest(IngestSummary s) {
        PrintWriter out = spec.commandLine().getOut();
        s.files().forEach(r -> out.printf(Locale.ROOT, "%s: %s%s%n", r.file().status().label(), r.file().path(),
                r.file().message() == null ? "" : ": " + r.file().message()));
        out.printf(Locale.ROOT, "darknet packets: %,d from %d files%n", s.darknetPackets(), s.files().size());
        out.flush();
    }

    /**
     * After each window: a line, the events again when a day has closed (they are found from
     * whole days), and the alert rules on the window's days (each alert is raised once).
     */
    private void committed(Sensor.Window w, ZoneId zone, QueryService queries, AlertEngine alerts) {
        printWindow(w);
        if (!day(w.fromNanos(), zone).equals(day(w.toNanos(), zone))) {
            refreshEvents(queries);
        }
        w.days().forEach(day -> checkAlerts(alerts, queries, day));
    }

    private void checkAlerts(AlertEngine alerts, QueryService queries, LocalDate day) {
        try {
            alerts.check(queries, day);
        } catch (SQLException e) {
            err().println("darkscope observe: alerts not checked for " + day + ": " + e.getMessage());
            err().flush();
        }
    }

    private static LocalDate day(long nanos, ZoneId zone) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)), zone);
    }

    private void refreshEvents(QueryService queries) {
        try {
            queries.refreshEvents();
        } catch (SQLException e) {
            err().println("darkscope observe: events not refreshed: " + e.getMessage());
            err().flush();
        }
    }

    private void printWindow(Sensor.Window w) {
        if (quiet) {
            return;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s to %s  darknet packets %,d  frames %,d", time(w.fromNanos()), time(w.toNanos()), w.darknetPackets(), w.frames());
        if (w.stats().dropped() + w.stats().interfaceDropped() > 0) {
            out.printf(Locale.ROOT, "  DROPPED %,d by the kernel, %,d by the interface", w.stats().dropped(), w.stats().interfaceDropped());
        }
        long late = w.skipped().getOrDefault(SkipReason.LATE, 0L);
        if (late > 0) {
            out.printf(Locale.ROOT, "  late %,d", late);
        }
        out.println();
        out.flush();
    }

    private String time(long nanos) {
        return TIME.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)).atZone(java.time.ZoneOffset.UTC)) + "Z";
    }

    private void printSummary(Sensor.Summary s, FrameSource source) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "frames: %,d; darknet packets: %,d in %,d windows%n", s.frames(), s.darknetPackets(), s.windows());
        s.skipped().forEach((reason, n) -> {
            if (n > 0) {
                out.printf(Locale.ROOT, "skipped, %s: %,d%n", reason.label(), n);
            }
        });
        if (source instanceof InterfaceSource) {
            out.printf(Locale.ROOT, "capture: %,d received, %,d dropped by the kernel, %,d by the interface%n",
                    s.stats().received(), s.stats().dropped(), s.stats().interfaceDropped());
        }
        if (source instanceof StreamSource stream) {
            stream.problems().forEach(p -> err().println("standard input: " + p));
        }
        out.flush();
        err().flush();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** On SIGTERM or Ctrl-C: the sensor commits its last window, and the summary is printed before the JVM ends. */
    private void stopQuietly(Sensor sensor) {
        stopping = true;
        interrupted.countDown();
        try {
            sensor.stop(Duration.ofSeconds(30));
            reported.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
