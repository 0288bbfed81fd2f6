package io.darkscope.pipeline;

import io.darkscope.analysis.Analyses;
import io.darkscope.analysis.DayStates;
import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.FrameBatch;
import io.darkscope.darknet.DarknetRegistry;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The packet pipeline every capture source feeds: decode, day clock, darknet filter, traffic
 * class, then every registered analysis. A source (a file reader, a live capture, a Kafka
 * consumer) takes an {@link #emptyBatch}, fills it with frames and {@link #submit submits} it;
 * workers decode it in parallel. {@link #flush} hands over the state of every day seen since the
 * last flush: at the end of a file, or every minute of a live capture. Packets older than the
 * {@link #dropBefore horizon} are counted as late and dropped, so that a long-running source
 * never adds to an interval it has already closed.
 *
 * <p>Several threads may submit at once (an ingest reads several files); one flushes, once they
 * are done. The pipeline runs its own workers.
 */
public final class PacketPipeline implements AutoCloseable {
    private final DarknetRegistry registry;
    private final ZoneId zone;
    private final List<PipelineWorker> workers = new ArrayList<>();
    private final BlockingQueue<FrameBatch> freeBatches;
    private final Set<FrameBatch> ownBatches = Collections.newSetFromMap(new IdentityHashMap<>());
    private long horizonNanos = Long.MIN_VALUE;

    private PacketPipeline(Builder b) {
        if (b.registry.isEmpty()) {
            throw new IllegalArgumentException("no darknet prefixes: give --darknet FILE or list them in the config");
        }
        this.registry = b.registry;
        this.zone = b.zone;
        int batches = b.workers * 4;
        freeBatches = new ArrayBlockingQueue<>(batches);
        for (int i = 0; i < batches; i++) {
            FrameBatch batch = new FrameBatch(b.batchBytes);
            ownBatches.add(batch);
            freeBatches.add(batch);
        }
        for (int i = 0; i < b.workers; i++) {
            PipelineWorker w = new PipelineWorker(this, i, b.workers, Analyses.all(), b.memoryBytes / b.workers);
            workers.add(w);
            Thread t = new Thread(w, "darkscope-worker-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    /** A pipeline over the registered analyses, with the monitored prefixes and the zone days are counted in. */
    public static Builder builder(DarknetRegistry registry, ZoneId zone) {
        return new Builder(registry, zone);
    }

    /** How to build a pipeline; the defaults suit this machine. */
    public static final class Builder {
        private final DarknetRegistry registry;
        private final ZoneId zone;
        private int workers = Runtime.getRuntime().availableProcessors();
        private long memoryBytes = Runtime.getRuntime().maxMemory() / 4;
        private int batchBytes = FrameBatch.DEFAULT_BYTES;

        private Builder(DarknetRegistry registry, ZoneId zone) {
            this.registry = registry;
            this.zone = zone;
        }

        /** Decoding threads (default: one per core). */
        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            workers = n;
            return this;
        }

        /** Memory the analyses may use for their buffers, over all workers (default: a quarter of the heap; their state needs the rest). */
        public Builder memory(long bytes) {
            memoryBytes = bytes;
            return this;
        }

        /** Size of each frame batch's buffer (default 4 MiB). */
        public Builder batchBytes(int bytes) {
            batchBytes = bytes;
            return this;
        }

        public PacketPipeline build() {
            return new PacketPipeline(this);
        }
    }

    DarknetRegistry registry() {
        return registry;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * In the batches submitted from now on, packets captured before {@code nanos} (since the
     * epoch) are dropped and counted as late; batches submitted before keep the horizon they had.
     */
    public void dropBefore(long nanos) {
        horizonNanos = nanos;
    }

    /** A batch to fill, waiting while every batch is still being decoded. */
    public FrameBatch emptyBatch() throws InterruptedException {
        FrameBatch batch = freeBatches.take();
        batch.clear();
        return batch;
    }

    /** Hands back a batch taken with {@link #emptyBatch} that will not be submitted. */
    public void release(FrameBatch batch) {
        if (ownBatches.contains(batch)) {
            freeBatches.add(batch);
        }
    }

    /**
     * Hands a filled batch to the workers, which tell {@code tally} what became of its frames. A
     * batch taken with {@link #emptyBatch} comes back to the pool; one of the caller's own (frames
     * a source held back) must not be touched until the next {@link #flush}.
     */
    public void submit(FrameBatch batch, SourceTally tally) {
        PipelineWorker.Decode task = new PipelineWorker.Decode(batch, tally, horizonNanos, new AtomicInteger(workers.size()));
        workers.forEach(w -> w.submit(task));
    }

    /** Submits every record of a capture, batch by batch; {@code afterBatch} runs after each (for progress). */
    public void submitAll(CaptureReader reader, SourceTally tally, Runnable afterBatch) throws InterruptedException {
        while (true) {
            FrameBatch batch = emptyBatch();
            if (!reader.next(batch)) {
                release(batch);
                return;
            }
            submit(batch, tally);
            afterBatch.run();
        }
    }

    /**
     * Waits for every batch submitted so far, then hands over every day's state since the last
     * flush, in day order. The analyses start afresh.
     *
     * @throws IllegalStateException if a worker failed (a bug: decoding never throws on bad input)
     */
    public List<DayStates> flush() throws InterruptedException {
        List<CompletableFuture<Map<Day, DayStates>>> futures = new ArrayList<>();
        for (PipelineWorker w : workers) {
            CompletableFuture<Map<Day, DayStates>> f = new CompletableFuture<>();
            w.submit(new PipelineWorker.Flush(f));
            futures.add(f);
        }
        Map<Day, DayStates> days = new TreeMap<>();
        for (CompletableFuture<Map<Day, DayStates>> f : futures) {
            try {
                f.get().forEach((day, states) -> days.merge(day, states, DayStates::merge));
            } catch (ExecutionException e) {
                throw new IllegalStateException("a decoding thread failed", e.getCause());
            }
        }
        return new ArrayList<>(days.values());
    }

    @Override
    public void close() {
        workers.forEach(w -> w.submit(new PipelineWorker.Stop()));
        workers.clear(); // their buffers go with their threads, before a last commit needs the room
    }
}
