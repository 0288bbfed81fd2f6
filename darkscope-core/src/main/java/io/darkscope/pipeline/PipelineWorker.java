package io.darkscope.pipeline;

import io.darkscope.analysis.Accumulator;
import io.darkscope.analysis.Analysis;
import io.darkscope.analysis.AnalysisState;
import io.darkscope.analysis.DayStates;
import io.darkscope.capture.FrameBatch;
import io.darkscope.classify.TrafficClass;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.decode.DecodeResult;
import io.darkscope.decode.PacketDecoder;
import io.darkscope.decode.PacketView;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A decoding thread. Every worker sees every batch and decodes every frame, but keeps only the
 * packets whose source falls in its partition (by the address's upper bits): a source's packets
 * all meet in one worker, so no two workers build the same (port, source) pairs or hold the same
 * source's evidence. Decoding twice costs less than aggregating twice. On a flush a worker hands
 * over what its analyses accumulated.
 */
final class PipelineWorker implements Runnable {
    /** A unit of work in a worker's queue. */
    sealed interface Task permits Decode, Flush, Stop {
    }

    /** A batch shared by all workers; the last to finish it returns it to the pool. */
    record Decode(FrameBatch batch, SourceTally tally, long horizonNanos, AtomicInteger readers) implements Task {
    }

    record Flush(CompletableFuture<Map<Day, DayStates>> result) implements Task {
    }

    record Stop() implements Task {
    }

    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final PacketPipeline pipeline;
    private final int partition;
    private final int partitions;
    private final DarknetRegistry registry;
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();
    private final PacketTags tags = new PacketTags();
    private final DayClock clock;
    private final List<Analysis<?>> analyses;
    private final Accumulator<?>[] accumulators;
    private final long[] skipped = new long[SkipReason.values().length];
    private final long[] darknet = new long[256];
    private final Set<Integer> unsupportedLinkTypes = new HashSet<>();
    private Day filterDay;
    private DarknetRegistry.Filter filter;
    private Throwable failure;

    PipelineWorker(PacketPipeline pipeline, int partition, int partitions, List<Analysis<?>> analyses, long memoryBytes) {
        this.pipeline = pipeline;
        this.partition = partition;
        this.partitions = partitions;
        this.registry = pipeline.registry();
        this.clock = new DayClock(pipeline.zone());
        this.analyses = analyses;
        this.accumulators = new Accumulator<?>[analyses.size()];
        int shares = analyses.stream().mapToInt(Analysis::bufferShares).sum();
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = analyses.get(i).newAccumulator(shares == 0 ? 0 : memoryBytes / shares * analyses.get(i).bufferShares());
        }
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
                decode(d.batch(), d.tally(), d.horizonNanos());
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            if (d.readers().decrementAndGet() == 0) {
                pipeline.release(d.batch());
            }
        }
    }

    private void flush(Flush f) {
        if (failure != null) {
            f.result().completeExceptionally(failure);
            return;
        }
        try {
            Map<Day, DayStates> days = new TreeMap<>();
            for (int i = accumulators.length - 1; i >= 0; i--) { // the traffic analysis, first, builds the most at its drain: last, once the others have given their buffers back
                drain(analyses.get(i), accumulators[i], days);
            }
            f.result().complete(days);
        } catch (RuntimeException | Error e) {
            failure = e;
            f.result().completeExceptionally(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <S extends AnalysisState<S>> void drain(Analysis<S> analysis, Accumulator<?> accumulator, Map<Day, DayStates> days) {
        ((Accumulator<S>) accumulator).drain().forEach((day, state) -> days.computeIfAbsent(day, DayStates::new).add(analysis, state));
    }

    private void decode(FrameBatch batch, SourceTally tally, long horizon) {
        Arrays.fill(skipped, 0);
        Arrays.fill(darknet, 0);
        unsupportedLinkTypes.clear();
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
            if (view.timestampNanos() < horizon) {
                skipped[SkipReason.LATE.ordinal()]++;
                continue;
            }
            Day day = clock.dayOf(view.epochSecond());
            if (day != filterDay) {
                filterDay = day;
                filter = registry.on(day.date());
            }
            if (!filter.contains(view)) {
                skipped[SkipReason.NOT_DARKNET.ordinal()]++;
                continue;
            }
            darknet[view.protocol()]++;
            tags.day = day;
            tags.trafficClass = TrafficClass.of(view);
            for (Accumulator<?> a : accumulators) {
                a.accept(view, tags);
            }
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
