package io.darkscope.ingest;

import io.darkscope.darknet.DarknetRegistry;

import java.time.ZoneId;

/**
 * How to ingest.
 *
 * @param registry          the monitored prefixes
 * @param zone              the time zone that days are counted in
 * @param workers           decoding threads
 * @param bufferPairs       per-thread pair buffer of a day (8 bytes each): larger is faster and uses more memory
 * @param commitEveryPackets records after which a commit closes the current group of files
 */
public record IngestOptions(DarknetRegistry registry, ZoneId zone, int workers, int bufferPairs, long commitEveryPackets) {
    public IngestOptions {
        if (registry.isEmpty()) {
            throw new IllegalArgumentException("no darknet prefixes: give --darknet FILE or list them in the config");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
    }

    /** Defaults sized for this machine: one worker per core, 8M-pair buffers, a commit every 200M records. */
    public static IngestOptions defaults(DarknetRegistry registry, ZoneId zone) {
        return new IngestOptions(registry, zone, Runtime.getRuntime().availableProcessors(), 8 << 20, 200_000_000L);
    }

    public IngestOptions withWorkers(int n) {
        return new IngestOptions(registry, zone, n, bufferPairs, commitEveryPackets);
    }

    public IngestOptions withCommitEvery(long records) {
        return new IngestOptions(registry, zone, workers, bufferPairs, records);
    }

    public IngestOptions withBufferPairs(int pairs) {
        return new IngestOptions(registry, zone, workers, pairs, commitEveryPackets);
    }
}
