package io.darkscope.ingest;

import io.darkscope.aggregate.Analyses;
import io.darkscope.aggregate.DayClock;
import io.darkscope.aggregate.DayResults;
import io.darkscope.capture.RecordBatch;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.decode.DecodeResult;
import io.darkscope.decode.PacketDecoder;
import io.darkscope.decode.PacketView;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A decoding thread. Every worker sees every batch and decodes every record, but keeps only
 * the packets whose source falls in its partition (by the address's upper bits): a source's
 * packets all meet in one worker, so no two workers build the same (port, source) pairs, and
 * their sets join without overlapping. Decoding twice costs less than aggregating twice.
 * On a flush a worker hands over what it has accumulated.
 */
final class Worker implements Runnable {
    /** A unit of work in a worker's queue. */
    sealed interface Task permits Decode, Flush, Stop {
    }

    /** A batch shared by all workers; the last to finish it returns it to the pool. */
    record Decode(RecordBatch batch, FileTally tally, AtomicInteger readers) implements Task {
    }

    record Flush(CompletableFuture<List<DayResults>> result) implements Task {
    }

    record Stop() implements Task {
    }

    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final BlockingQueue<RecordBatch> freeBatches;
    private final int partition;
    private final int partitions;
    private final DarknetRegistry registry;
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();
    private final DayClock clock;
    private final Analyses analyses;
    private final long[] skipped = new long[SkipReason.values().length];
    private final Set<Integer> unsupportedLinkTypes = new HashSet<>();
    private DarknetRegistry.Filter filter;
    private Throwable failure;

    Worker(IngestOptions options, BlockingQueue<RecordBatch> freeBatches, int partition) {
        this.freeBatches = freeBatches;
        this.partition = partition;
        this.partitions = options.workers();
        this.registry = options.registry();
        this.clock = new DayClock(options.zone());
        this.analyses = new Analyses(options.bufferPairs());
    }

    void submit(Task task) {
        tasks.add(task);
    }

    @Override
    public void run() {
        while (true) {
            Task task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (task instanceof Decode d) {
                decodeUnlessFailed(d);
            } else if (task instanceof Flush f) {
                flush(f);
            } else {
                return;
            }
        }
    }

    private void decodeUnlessFailed(Decode d) {
        try {
            if (failure == null) {
                decode(d.batch(), d.tally());
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            if (d.readers().decrementAndGet() == 0) {
                freeBatches.add(d.batch());
            }
        }
    }

    private void flush(Flush f) {
        if (failure != null) {
            f.result().completeExceptionally(failure);
            return;
        }
        try {
            f.result().complete(analyses.finish());
        } catch (RuntimeException | Error e) {
            failure = e;
            f.result().completeExceptionally(e);
        }
    }

    private void decode(RecordBatch batch, FileTally tally) {
        Arrays.fill(skipped, 0);
        unsupportedLinkTypes.clear();
        long darknet = 0;
        byte[] data = batch.data();
        for (int i = 0, n = batch.count(); i < n; i++) {
            DecodeResult result = decoder.decode(batch.linkType(i), data, batch.frameOffset(i), batch.capturedLength(i),
                    batch.wireLength(i), batch.timestampNanos(i), view);
            if (result != DecodeResult.IP) {
                if (partition == 0) {
                    skip(result, batch.linkType(i));
                }
                continue;
            }
            if (partitionOf(view) != partition) {
                continue;
            }
            long second = view.epochSecond();
            if (!clock.contains(second)) {
                clock.moveTo(second);
                filter = registry.on(clock.date());
            }
            if (!filter.contains(view)) {
                skipped[SkipReason.NOT_DARKNET.ordinal()]++;
                continue;
            }
            darknet++;
            analyses.accept(view, clock);
        }
        tally.add(darknet, skipped, unsupportedLinkTypes);
    }

    private int partitionOf(PacketView p) {
        int upper = p.isIpv4() ? p.src4() >>> 16 : (int) (p.srcHi() >>> 48);
        return upper % partitions;
    }

    private void skip(DecodeResult result, int linkType) {
        switch (result) {
            case NOT_IP -> skipped[SkipReason.NOT_IP.ordinal()]++;
            case DAMAGED -> skipped[SkipReason.DAMAGED.ordinal()]++;
            default -> {
                skipped[SkipReason.UNSUPPORTED_LINK.ordinal()]++;
                unsupportedLinkTypes.add(linkType);
            }
        }
    }
}
