package io.darkscope.flink;

import io.darkscope.config.DarkscopeConfig;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.store.Store;
import io.darkscope.store.StoreException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * The options of a darkscope Flink job, the same for {@code flink run darkscope-flink-job.jar}
 * and {@code darkscope flink}: where the frames come from, the store, the darknet and zone (from
 * the options, the configuration file, else the store), and how the job runs.
 */
public final class FlinkOptions {
    @Option(names = "--kafka", paramLabel = "BROKERS", description = "Read frame batches from Kafka (host:port[,host:port...]).")
    String brokers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "darkscope-frames", description = "The topic sensors publish to (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--stop-at-end", description = "Stop at the topic's end as of the start, instead of running on.")
    boolean stopAtEnd;

    @Option(names = "--files", paramLabel = "DIR", description = "Read every capture below DIR instead (pcap, pcapng; plain, gzip, zstd).")
    Path files;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "darkscope-data",
            description = "Data directory holding the store; the committer writes it, so it must be reachable where it runs (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ./darkscope.yaml if present).")
    Path config;

    @Option(names = "--darknet", paramLabel = "FILE", description = "Plain list of monitored CIDRs, one a line; overrides the config's registry.")
    Path darknet;

    @Option(names = "--tz", paramLabel = "ZONE", description = "Time zone of the days (default: the config's, else the store's, else UTC).")
    String tz;

    @Option(names = "--parallelism", paramLabel = "N", description = "Tasks reading and decoding (default: the cluster's; locally, one per core).")
    Integer parallelism;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1", description = "Decoding threads of each task (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--checkpoint-interval", paramLabel = "TIME", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often the store commits; a job over files or --stop-at-end ends at the first checkpoint after its input "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--out-of-orderness", paramLabel = "TIME", defaultValue = "5s", converter = DurationConverter.class,
            description = "How far a partition's watermark follows its latest batch (default: ${DEFAULT-VALUE}).")
    Duration outOfOrderness;

    @Option(names = "--lateness", paramLabel = "TIME", defaultValue = "1h", converter = DurationConverter.class,
            description = "Packets this far behind the watermark still count; later ones are counted as late and dropped; "
                    + "days close this long after they end (default: ${DEFAULT-VALUE}).")
    Duration lateness;

    /** Whether the frames come from files (else from Kafka). */
    public boolean fromFiles() {
        return files != null;
    }

    public Path data() {
        return data;
    }

    /**
     * An environment of this process: a MiniCluster of one slot per task (default: a task per
     * core), checkpoints under the data directory, three restarts a second apart.
     */
    public StreamExecutionEnvironment localEnvironment() {
        int tasks = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
        Configuration c = new Configuration();
        c.set(TaskManagerOptions.NUM_TASK_SLOTS, tasks);
        c.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("16m")); // no managed state: the pipelines use the heap
        c.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("64m"));
        c.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("64m"));
        c.set(RestOptions.BIND_PORT, "0");
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, data.toAbsolutePath().resolve("flink-checkpoints").toUri().toString());
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        return StreamExecutionEnvironment.createLocalEnvironment(tasks, c);
    }

    /**
     * Adds the job to the environment and runs it to its end.
     *
     * @throws IllegalArgumentException if the options name no source, a directory that is not one, or no darknet
     */
    public JobExecutionResult run(StreamExecutionEnvironment env) throws Exception {
        checkSource();
        if (parallelism != null) {
            env.setParallelism(parallelism);
        }
        env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        Setup setup = setup();
        JobSettings settings = JobSettings.of(data, setup.registry(), setup.zone()).withBounds(outOfOrderness, lateness).withWorkers(workers);
        if (fromFiles()) {
            DarkscopeJob.countFiles(env, settings, files.toAbsolutePath().toString());
            return env.execute("darkscope: captures below " + files);
        }
        DarkscopeJob.countFrames(DarkscopeJob.kafka(env, settings, brokers, topic, stopAtEnd, setup.committed()), settings, topic);
        return env.execute("darkscope: Kafka topic " + topic);
    }

    /**
     * Refuses a job with no source, with two, or with a directory that is not one.
     *
     * @throws IllegalArgumentException saying which
     */
    public void checkSource() {
        if ((brokers == null) == (files == null)) {
            throw new IllegalArgumentException("give --kafka BROKERS (with --topic) or --files DIR");
        }
        if (files != null && !Files.isDirectory(files)) {
            throw new IllegalArgumentException("--files " + files + ": no such directory");
        }
    }

    /** What the options and the store say: the darknet, the zone, the offsets committed. */
    private record Setup(DarknetRegistry registry, ZoneId zone, Map<Integer, Long> committed) {
    }

    private Setup setup() throws IOException, StoreException, SQLException {
        DarkscopeConfig conf = loadConfig();
        DarknetRegistry registry = darknet != null ? readDarknet() : conf.registry();
        ZoneId zone = tz != null ? DarkscopeConfig.zone("--tz", tz) : conf.zone();
        Map<Integer, Long> committed = Map.of();
        if (Files.exists(data.resolve(Store.DATABASE))) {
            try (Store store = Store.openReadOnly(data)) {
                registry = registry.isEmpty() ? store.registry() : registry;
                zone = zone != null ? zone : store.zone().orElse(null);
                committed = fromFiles() ? Map.of() : store.committedOffsets(topic);
            }
        }
        if (registry.isEmpty()) {
            throw new IllegalArgumentException("no darknet prefixes: give --darknet FILE, or list them under 'darknet:' in the configuration");
        }
        return new Setup(registry, zone != null ? zone : ZoneId.of("UTC"), committed);
    }

    private DarkscopeConfig loadConfig() throws IOException {
        Path file = config != null ? config : Path.of("darkscope.yaml");
        if (Files.isRegularFile(file)) {
            return DarkscopeConfig.load(file);
        }
        if (config != null) {
            throw new IllegalArgumentException("no configuration file " + config);
        }
        return DarkscopeConfig.defaults();
    }

    private DarknetRegistry readDarknet() throws IOException {
        if (!Files.isRegularFile(darknet)) {
            throw new IllegalArgumentException("no darknet list " + darknet);
        }
        return DarknetRegistry.readCidrList(darknet);
    }

    /** Durations as people write them: 500ms, 5s, 10m, 1h, 2d. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            int unit = 0;
            while (unit < t.length() && Character.isDigit(t.charAt(unit))) {
                unit++;
            }
            if (unit == 0) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a duration such as 500ms, 5s, 10m, 1h or 2d");
            }
            long n = Long.parseLong(t.substring(0, unit));
            return switch (t.substring(unit)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new CommandLine.TypeConversionException("'" + text + "' is not a duration such as 500ms, 5s, 10m, 1h or 2d");
            };
        }
    }
}
