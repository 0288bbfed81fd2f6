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
 * @param readers            files read (and decompressed) at once, each on a thread of its own
 */
public record IngestOptions(DarknetRegistry registry, ZoneId zone, int workers, long memoryBytes, long commitEveryPackets, int readers) {
    public IngestOptions {
        if (registry.isEmpty()) {
            throw new IllegalArgumentException("no darknet prefixes: give --darknet FILE or list them in the config");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (readers < 1) {
            throw new IllegalArgumentException("readers must be at least 1");
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
     * commit every heap / {@value #HEAP_BYTES_PER_RECORD} bytes of records (24M with a 1 GiB heap),
     * two files or more read at once ({@link #readersFor}).
     */
    public static IngestOptions defaults(DarknetRegistry registry, ZoneId zone) {
        long heap = Runtime.getRuntime().maxMemory();
        int workers = Runtime.getRuntime().availableProcessors();
        return new IngestOptions(registry, zone, workers, heap / 4, heap / HEAP_BYTES_PER_RECORD, readersFor(workers));
    }

    /**
     * Files read at once for a number of workers: one for every three, at least two. One thread
     * inflates and parses a gzip capture at about 5M records a second, three workers analyse
     * about as many; and even on two cores a second file fills the moments the workers wait for
     * the first (24 hourly gzip files of bench/ingest.sh: 15.7-17.6 s against 16.7-19.3 s).
     */
    public static int readersFor(int workers) {
        return Math.max(2, workers / 3);
    }

    public IngestOptions withWorkers(int n) {
        return new IngestOptions(registry, zone, n, memoryBytes, commitEveryPackets, readers);
    }

    public IngestOptions withReaders(int n) {
        return new IngestOptions(registry, zone, workers, memoryBytes, commitEveryPackets, n);
    }

    public IngestOptions withCommitEvery(long records) {
        return new IngestOptions(registry, zone, workers, memoryBytes, records, readers);
    }

    public IngestOptions withMemory(long bytes) {
        return new IngestOptions(registry, zone, workers, bytes, commitEveryPackets, readers);
    }
}
