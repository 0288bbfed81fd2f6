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

    /**
     * Heap a record of a group may take until its commit, counted for the worst day we know (the
     * outbreak day of bench/ingest.sh, where nearly every packet is a scan record of its own): that
     * day's 20M records fit in a 1 GiB heap, two such days do not.
     */
    private static final long HEAP_BYTES_PER_RECORD = 40;

    /**
     * Defaults sized for this machine: one worker per core, a quarter of the heap for buffers, a
     * commit every heap / {@value #HEAP_BYTES_PER_RECORD} bytes of records (24M with a 1 GiB heap).
     */
    public static IngestOptions defaults(DarknetRegistry registry, ZoneId zone) {
        long heap = Runtime.getRuntime().maxMemory();
        return new IngestOptions(registry, zone, Runtime.getRuntime().availableProcessors(), heap / 4, heap / HEAP_BYTES_PER_RECORD);
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
