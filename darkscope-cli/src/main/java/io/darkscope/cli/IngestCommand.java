package io.darkscope.cli;

import io.darkscope.config.DarkscopeConfig;
import io.darkscope.geo.GeoData;
import io.darkscope.ingest.FileReport;
import io.darkscope.ingest.Ingest;
import io.darkscope.ingest.IngestInput;
import io.darkscope.ingest.IngestListener;
import io.darkscope.ingest.IngestOptions;
import io.darkscope.ingest.IngestSummary;
import io.darkscope.pipeline.SkipReason;
import io.darkscope.query.Json;
import io.darkscope.query.QueryService;
import io.darkscope.store.IngestedFile;
import io.darkscope.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code darkscope ingest PATH...}: reads captures into the store and prints what happened. */
@Command(name = "ingest", description = {
    "Reads pcap and pcapng captures (plain, gzip or zstd; files, directories or globs) into the store.",
    "Files already ingested are skipped, so running it again is safe. Exit status 1 if a file could not be read.",
    "With --kafka the frames are published for 'darkscope flink' to count instead (publishing twice counts twice)."})
final class IngestCommand implements Callable<Integer> {
    /**
     * DuckDB's memory beside the heap: a quarter of the heap (as much as the analyses' buffers),
     * at least this. Left to its default (80% of the machine) it held the outbreak day's rows
     * beside a full 1 GiB heap, 1.40-1.49 GB of peak RSS against 1.32-1.37 GB capped.
     */
    private static final long DUCKDB_MIN_MEMORY = 256L << 20;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    CountingOptions counting;

    @Option(names = "--readers", paramLabel = "N", converter = Converters.Positive.class,
            description = "Files read and decompressed at once, each on a thread of its own (default: one for every three workers, at least two).")
    Integer readers;

    @Option(names = "--summary", paramLabel = "FORMAT", defaultValue = "table", description = "Summary as table or json (default: ${DEFAULT-VALUE}).")
    Output.Summary summaryFormat;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--stream", paramLabel = "PIPE", description = "A named pipe or device read to its end as one capture (repeatable); "
            + "a continuous capture is for 'darkscope observe'.")
    List<Path> streams = List.of();

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Capture files, directories or globs; '-' reads standard input to its end.")
    List<String> paths = List.of();

    @Override
    public Integer call() throws Exception {
        if (paths.isEmpty() && streams.isEmpty()) {
            throw new IllegalArgumentException("nothing to ingest: give capture files, directories or globs, '-' for standard input, or --stream PIPE");
        }
        if (kafka.publishing()) {
            try (StreamSpool spool = new StreamSpool(data.data)) {
                return PublishCaptures.run(inputs(spool).stream().map(IngestInput::file).toList(), kafka, data.data, spec.commandLine().getOut());
            }
        }
        DarkscopeConfig config = data.loadConfig();
        try (StreamSpool spool = new StreamSpool(data.data); Store store = Store.openForBatch(data.data)) {
            store.limitMemory(Math.max(DUCKDB_MIN_MEMORY, Runtime.getRuntime().maxMemory() / 4));
            List<IngestInput> inputs = inputs(spool);
            IngestOptions options = IngestOptions.defaults(counting.registry(config, store, data), counting.zone(config, store))
                    .withWorkers(counting.workers())
                    .withReaders(readers != null ? readers : IngestOptions.readersFor(counting.workers()));
            IngestSummary summary;
            IngestListener listener = ProgressReporter.forTerminal(totalBytes(inputs), inputs.size());
            try {
                summary = new Ingest(store, options, listener).runInputs(inputs);
            } finally {
                if (listener instanceof ProgressReporter p) {
                    p.close();
                }
            }
            print(summary);
            if (summary.darknetPackets() > 0) {
                try (GeoData geo = GeoData.open(data.data, null, null)) {
                    int events = new QueryService(store, geo).refreshEvents().size();
                    spec.commandLine().getOut().printf(Locale.ROOT, "events: %,d in the store (darkscope events lists them)%n", events);
                    spec.commandLine().getOut().flush();
                }
            }
            return summary.anyRefused() ? Darkscope.USER_ERROR : 0;
        }
    }

    /** The arguments in their order, standard input and the streams saved to the spool first. */
    private List<IngestInput> inputs(StreamSpool spool) throws IOException {
        List<IngestInput> inputs = new ArrayList<>();
        for (String path : paths) {
            if (path.equals("-")) {
                inputs.add(spool.save(System.in, "stdin"));
            } else {
                CaptureArguments.expand(List.of(path)).forEach(file -> inputs.add(IngestInput.of(file)));
            }
        }
        for (Path stream : streams) {
            inputs.add(spool.save(stream));
        }
        return inputs;
    }

    private static long totalBytes(List<IngestInput> inputs) {
        long total = 0;
        for (IngestInput input : inputs) {
            try {
                total += Files.size(input.file());
            } catch (IOException e) {
                // reported per file by the ingest itself
            }
        }
        return total;
    }

    private void print(IngestSummary s) {
        PrintWriter out = spec.commandLine().getOut();
        if (summaryFormat == Output.Summary.json) {
            out.println(Json.pretty(s));
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "files: %d read", s.files().size());
        Map<IngestedFile.Status, Long> byStatus = s.filesByStatus();
        byStatus.forEach((status, n) -> out.printf(Locale.ROOT, ", %d %s", n, status.label()));
        if (!s.alreadyIngested().isEmpty()) {
            out.printf(Locale.ROOT, "; %d already ingested, skipped", s.alreadyIngested().size());
        }
        out.println();
        out.printf(Locale.ROOT, "records read: %,d in %.1f s (%,.0f records/s)%n", s.records(), s.seconds(),
                s.seconds() > 0 ? s.records() / s.seconds() : 0.0);
        out.printf(Locale.ROOT, "darknet packets: %,d%n", s.darknetPackets());
        for (SkipReason reason : SkipReason.values()) {
            long n = s.skipped().get(reason);
            if (n > 0) {
                out.printf(Locale.ROOT, "skipped, %s: %,d%s%n", reason.label(), n,
                        reason == SkipReason.UNSUPPORTED_LINK ? " (link types " + s.unsupportedLinkTypes() + ")" : "");
            }
        }
        for (FileReport r : s.files()) {
            IngestedFile f = r.file();
            if (f.status() != IngestedFile.Status.OK || f.message() != null) {
                out.printf(Locale.ROOT, "%s: %s: %s%n", f.status().label(), Printable.of(f.path()), Printable.of(String.valueOf(f.message())));
                r.problems().stream().skip(1).limit(5).forEach(p -> out.printf(Locale.ROOT, "    %s%n", Printable.of(p.toString())));
            }
        }
        out.flush();
    }
}
