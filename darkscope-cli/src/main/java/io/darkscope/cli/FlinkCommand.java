package io.darkscope.cli;

import io.darkscope.analysis.traffic.TrafficRows;
import io.darkscope.flink.DarkscopeJob;
import io.darkscope.flink.FlinkOptions;
import io.darkscope.geo.GeoData;
import io.darkscope.query.QueryService;
import io.darkscope.store.IngestedFile;
import io.darkscope.store.Store;
import org.apache.flink.api.common.JobExecutionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code darkscope flink --local ...}: the Flink job in this process, on a MiniCluster. */
@Command(name = "flink", description = {
    "Counts sensors' frames from Kafka (--kafka), or every capture below a directory (--files), with the Flink job.",
    "--local runs it in this process; on a cluster, submit darkscope-flink/target/darkscope-flink-*-job.jar with 'flink run' "
        + "and the same options."})
final class FlinkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FlinkOptions options;

    @Option(names = "--local", description = "Run the job here, on a Flink MiniCluster of one slot per task.")
    boolean local;

    @Override
    public Integer call() throws Exception {
        if (!local) {
            throw new IllegalArgumentException("give --local to run the job in this process; on a cluster, submit the job jar with 'flink run'");
        }
        options.checkSource(); // before the store is opened, so that a mistyped directory leaves nothing behind
        int ledgered = ledger().size();
        JobExecutionResult result = options.run(options.localEnvironment());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "flink job finished in %.1f s; packets later than the lateness, not counted: %,d%n",
                result.getNetRuntime() / 1000.0, DarkscopeJob.latePackets(result));
        boolean refused = false;
        try (Store store = Store.open(options.data()); GeoData geo = GeoData.open(options.data(), null, null)) {
            List<IngestedFile> files = store.ledger().files();
            for (IngestedFile f : files.subList(Math.min(ledgered, files.size()), files.size())) { // the files of this job, as ingest says them
                if (f.status() != IngestedFile.Status.OK || f.message() != null) {
                    out.printf(Locale.ROOT, "%s: %s: %s%n", f.status().label(), Printable.of(f.path()), Printable.of(String.valueOf(f.message())));
                }
                refused |= f.status().refused();
            }
            QueryService queries = new QueryService(store, geo);
            out.printf(Locale.ROOT, "darknet packets: %,d in the store%n", queries.yearly().stream().mapToLong(TrafficRows.Year::packets).sum());
            out.printf(Locale.ROOT, "events: %,d in the store (darkscope events lists them)%n", queries.refreshEvents().size());
        }
        out.flush();
        return refused ? Darkscope.USER_ERROR : 0;
    }

    /** The ledger before the job: the rows after it are the job's files. */
    private List<IngestedFile> ledger() throws Exception {
        try (Store store = Store.open(options.data())) {
            return store.ledger().files();
        }
    }
}
