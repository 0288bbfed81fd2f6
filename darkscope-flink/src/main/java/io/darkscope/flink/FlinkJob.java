package io.darkscope.flink;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * The job jar's entry: {@code flink run darkscope-flink-job.jar --kafka BROKERS --topic T --data DIR ...}
 * submits the job to the cluster {@code flink} is configured for.
 */
@Command(name = "darkscope-flink-job", mixinStandardHelpOptions = true,
        description = {"Counts sensors' frames from Kafka, or a directory of captures, into the darkscope store.",
            "The store's committer runs with parallelism 1 and must reach --data: a path on its task manager, or a shared one."})
public final class FlinkJob implements Callable<Integer> {
    @Mixin
    FlinkOptions options;

    public static void main(String[] args) {
        int status = new CommandLine(new FlinkJob()).execute(args);
        if (status != 0) {
            // not System.exit: under `flink run` this is the client's JVM
            throw new IllegalStateException("darkscope-flink-job failed (status " + status + ")");
        }
    }

    @Override
    public Integer call() throws Exception {
        JobExecutionResult result = options.run(StreamExecutionEnvironment.getExecutionEnvironment());
        if (result.isJobExecutionResult()) {
            System.out.printf("darkscope job %s finished in %.1f s; late packets not counted: %d%n", result.getJobID(),
                    result.getNetRuntime() / 1000.0, DarkscopeJob.latePackets(result));
        }
        return 0;
    }
}
