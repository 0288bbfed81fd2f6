package io.darkscope.ingest;

import io.darkscope.darknet.DarknetRegistry;

import java.time.ZoneId;

/**
 * How to ingest.
 *
 * @param registry           the monitored prefixes
 * @param zone               the time zone that days are counted in
 * @param workers            decoding threads
 * @param memoryBytes        what the analyses' buffers may use, over all workers
 * @param commitEveryPackets records after which a commit closes the current group of files
 */
public record IngestOptions(DarknetRegistry registry, ZoneId zone, int workers, long memoryBytes, long commitEveryPackets) {
    public IngestOptions {
        if (registry.isEmpty()) {
            throw new IllegalArgumentException("no darknet prefixes: give --darknet FILE or list them in the config");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
    }

    /** Defaults sized for this machine: one worker per core, half the heap for buffers, a commit every 200M records. */
    public static IngestOptions defaults(DarknetRegistry registry, ZoneId zone) {
        return new IngestOptions(registry, zone, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 4,
                200_000_000L);
    }

    public IngestOptions withWorkers(int n) {
        return new IngestOptions(registry, zone, n, memoryBytes, commitEveryPackets);
    }

    public IngestOptions withCommitEvery(long records) {
        return new IngestOptions(registry, zone, workers, memoryBytes, records);
    }

    public IngestOptions withMemory(long bytes) {
        return new IngestOptions(registry, zone, workers, bytes, commitEveryPackets);
    }
}
