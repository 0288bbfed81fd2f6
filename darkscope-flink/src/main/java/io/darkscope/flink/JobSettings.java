package io.darkscope.flink;

import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.darknet.Prefix;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What every task of the job needs to know, shipped with the job: where the store is, the
 * darknet and the zone days are counted in, how late a packet may be, how each task's pipeline is sized.
 *
 * @param dataDirectory  the store's data directory: the committer writes it, so it must be there where the committer runs
 * @param darknet        the registry's entries as "prefix from to" ("-" for an open bound)
 * @param outOfOrderness how far behind the latest packet of a partition the watermark follows
 * @param lateness       how far behind the watermark a packet is still counted; days close that much after it
 * @param workers        decoding threads of each task's pipeline
 */
public record JobSettings(String dataDirectory, List<String> darknet, String zone, Duration outOfOrderness, Duration lateness, int workers)
        implements Serializable {
    private static final String OPEN = "-";

    public JobSettings {
        darknet = List.copyOf(darknet);
    }

    /** Settings for a registry and zone with the default bounds: 5 s out of order, an hour late, one decoding thread a task. */
    public static JobSettings of(Path dataDirectory, DarknetRegistry registry, ZoneId zone) {
        List<String> entries = registry.entries().stream()
                .map(e -> e.prefix() + " " + bound(e.from()) + " " + bound(e.to()))
                .toList();
        return new JobSettings(dataDirectory.toAbsolutePath().toString(), entries, zone.getId(), Duration.ofSeconds(5), Duration.ofHours(1), 1);
    }

    public JobSettings withBounds(Duration outOfOrderness, Duration lateness) {
        return new JobSettings(dataDirectory, darknet, zone, outOfOrderness, lateness, workers);
    }

    public JobSettings withWorkers(int n) {
        return new JobSettings(dataDirectory, darknet, zone, outOfOrderness, lateness, n);
    }

    private static String bound(LocalDate day) {
        return day == null ? OPEN : day.toString();
    }

    public DarknetRegistry registry() {
        return new DarknetRegistry(darknet.stream().map(JobSettings::entry).toList());
    }

    private static DarknetRegistry.Entry entry(String text) {
        String[] parts = text.split(" ");
        return new DarknetRegistry.Entry(Prefix.parse(parts[0]), day(parts[1]), day(parts[2]));
    }

    private static LocalDate day(String text) {
        return text.equals(OPEN) ? null : LocalDate.parse(text);
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    public Path data() {
        return Path.of(dataDirectory);
    }

    /** Memory for each task's analysis buffers: a quarter of the task manager's heap, shared by its slots. */
    static long taskMemory(Configuration taskManager) {
        return Runtime.getRuntime().maxMemory() / 4 / Math.max(1, taskManager.get(TaskManagerOptions.NUM_TASK_SLOTS));
    }
}
