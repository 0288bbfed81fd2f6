package io.darkscope.flink;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One Kafka broker, one Flink MiniCluster (set as the context every
 * {@code StreamExecutionEnvironment.getExecutionEnvironment()} runs on) and one simulation with
 * its reference store, for every test class that extends with this: they live in the root
 * context's store, so JUnit closes them once, after the last test of the run; their directories
 * are deleted when the run's JVM exits. Give every test its own topic and data directory.
 */
final class Shared implements BeforeAllCallback, ParameterResolver {
    /** Slots of the MiniCluster: the highest parallelism a test uses. */
    static final int SLOTS = 4;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Shared.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        root(context).getOrComputeIfAbsent("flink", k -> startFlink(), FlinkCluster.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedKafka.class || type == Simulation.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == EmbeddedKafka.class) {
            return root(context).getOrComputeIfAbsent("kafka", k -> startKafka(), EmbeddedKafka.class);
        }
        return root(context).getOrComputeIfAbsent("simulation", k -> simulate(), Simulation.class);
    }

    private static ExtensionContext.Store root(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }

    /** A new directory, deleted when the JVM exits, after JUnit has closed what uses it. */
    private static Path temporaryDirectory(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteDirectoryQuietly(dir.toFile())));
        return dir;
    }

    private static EmbeddedKafka startKafka() {
        try {
            return new EmbeddedKafka(temporaryDirectory("darkscope-kafka").resolve("log")).start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test broker", e);
        }
    }

    private static Simulation simulate() {
        try {
            return Simulation.create(temporaryDirectory("darkscope-simulation"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot simulate the test captures", e);
        }
    }

    /** The MiniCluster, unset as context and closed with the root context. */
    @SuppressWarnings("try") // closed by JUnit, never in a try-with-resources that an interrupt could confuse
    record FlinkCluster(MiniCluster cluster) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            TestStreamEnvironment.unsetAsContext();
            cluster.close();
        }
    }

    private static FlinkCluster startFlink() {
        try {
            Path checkpoints = temporaryDirectory("darkscope-checkpoints");
            Configuration c = new Configuration();
            c.set(TaskManagerOptions.NUM_TASK_SLOTS, SLOTS);
            c.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("16m"));
            c.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("32m"));
            c.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("32m"));
            c.set(RestOptions.BIND_PORT, "0");
            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
            c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
            MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(c).setNumTaskManagers(1).setNumSlotsPerTaskManager(SLOTS).build());
            cluster.start();
            TestStreamEnvironment.setAsContext(cluster, 1);
            return new FlinkCluster(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Flink MiniCluster", e);
        }
    }
}
