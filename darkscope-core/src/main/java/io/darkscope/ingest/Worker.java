package io.darkscope.ingest;

import io.darkscope.aggregate.DayClock;
import io.darkscope.aggregate.DayTraffic;
import io.darkscope.aggregate.TrafficAccumulator;
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

/**
 * A decoding thread: takes batches, decodes every record, keeps the darknet packets of the
 * monitored prefixes and feeds them to its own accumulator. On a flush it hands over what it
 * has accumulated. Nothing here is shared with other workers but the batch pool.
 */
final class Worker implements Runnable {
    /** A unit of work in a worker's queue. */
    sealed interface Task permits Decode, Flush, Stop {
    }

    record Decode(RecordBatch batch, FileTally tally) implements Task {
    }

    record Flush(CompletableFuture<List<DayTraffic>> result) implements Task {
    }

    record Stop() implements Task {
    }

    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final BlockingQueue<RecordBatch> freeBatches;
    private final DarknetRegistry registry;
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();
    private final DayClock clock;
    private final TrafficAccumulator traffic;
    private final long[] skipped = new long[SkipReason.values().length];
    private final Set<Integer> unsupportedLinkTypes = new HashSet<>();
    private DarknetRegistry.Filter filter;
    private Throwable failure;

    Worker(IngestOptions options, BlockingQueue<RecordBatch> freeBatches) {
        this.freeBatches = freeBatches;
        this.registry = options.registry();
        this.clock = new DayClock(options.zone());
        this.traffic = new TrafficAccumulator(options.bufferPairs());
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
            freeBatches.add(d.batch());
        }
    }

    private void flush(Flush f) {
        if (failure != null) {
            f.result().completeExceptionally(failure);
            return;
        }
        try {
            f.result().complete(traffic.finish());
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
                skip(result, batch.linkType(i));
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
            traffic.accept(view, clock);
        }
        tally.add(darknet, skipped, unsupportedLinkTypes);
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
