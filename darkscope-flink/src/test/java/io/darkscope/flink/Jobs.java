package io.darkscope.flink;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;

/** Runs the job as {@code flink run} and {@code darkscope flink} do, with their options, on the shared MiniCluster. */
final class Jobs {
    private Jobs() {
    }

    static JobExecutionResult run(String... args) throws Exception {
        FlinkJob job = new FlinkJob();
        new CommandLine(job).parseArgs(args);
        return job.options.run(StreamExecutionEnvironment.getExecutionEnvironment());
    }
}
