package io.darkscope.flink;

import io.darkscope.analysis.DayStates;
import io.darkscope.capture.FrameBatch;
import io.darkscope.kafka.FrameBatchCodec;
import io.darkscope.pipeline.PacketPipeline;
import io.darkscope.pipeline.SkipReason;
import io.darkscope.pipeline.SourceTally;
import io.darkscope.store.Provenance;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The packet pipeline of one task: frame batches read from Kafka go into a {@link PacketPipeline}
 * with every analysis, and before each checkpoint barrier (and at the end of the input) the
 * pipeline is flushed and its day states go downstream as one {@link Part}, with the offsets of
 * the records they came from. Nothing of the pipeline is in Flink's state: what a checkpoint
 * covers has left the task before its barrier. A batch delivered twice counts once
 * ({@link SeenBatches}). The watermark moves the pipeline's horizon: packets more than the
 * lateness behind it are dropped, counted (metric {@code latePackets}, accumulator
 * {@code late-packets}) and logged, so that a day the store has closed never changes. Batches
 * dropped as delivered twice are counted by the metric {@code duplicateBatches}.
 */
final class PipelineOperator extends AbstractStreamOperator<byte[]> implements OneInputStreamOperator<FrameRecord, byte[]>, BoundedOneInput {
    private static final Logger LATE = LoggerFactory.getLogger(PipelineOperator.class);
    /** Frame bytes gathered before a batch goes to the pipeline's workers. */
    private static final int SUBMIT_BYTES = 2 << 20;

    private final JobSettings settings;
    private transient PacketPipeline pipeline;
    private transient FrameBatch batch;
    private transient SourceTally tally;
    private transient Map<Integer, long[]> offsets;
    private transient SeenBatches seen;
    private transient ListState<byte[]> seenState;
    private transient Counter lateMetric;
    private transient LongCounter lateAccumulator;
    private transient long lateReported;
    private transient Counter duplicates;

    PipelineOperator(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        seenState = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("seen-batches", byte[].class));
        seen = SeenBatches.restore(seenState.get());
    }

    @Override
    public void open() throws Exception {
        super.open();
        pipeline = PacketPipeline.builder(settings.registry(), settings.zoneId()).workers(settings.workers())
                .memory(JobSettings.taskMemory(getContainingTask().getEnvironment().getTaskManagerInfo().getConfiguration())).build();
        batch = pipeline.emptyBatch();
        tally = new SourceTally();
        offsets = new TreeMap<>();
        lateMetric = getMetricGroup().counter("latePackets");
        lateAccumulator = getRuntimeContext().getLongCounter(DarkscopeJob.LATE_PACKETS);
        duplicates = getMetricGroup().counter("duplicateBatches");
    }

    @Override
    public void processElement(StreamRecord<FrameRecord> element) throws Exception {
        FrameRecord r = element.getValue();
        offsets.computeIfAbsent(r.partition, p -> new long[] {r.offset, r.offset})[1] = r.offset + 1;
        FrameBatchCodec.Header header = FrameBatchCodec.header(r.batch);
        if (!seen.add(r.partition, header.sensor(), header.run(), header.sequence())) {
            duplicates.inc();
            return;
        }
        if (batch.dataLength() > 0 && batch.dataLength() + r.batch.length > SUBMIT_BYTES) {
            submit();
        }
        FrameBatchCodec.appendTo(r.batch, header, batch);
    }

    /**
     * Frames that came before the watermark are judged by the horizon they came under: they go to
     * the workers first, and what is late does not depend on how far behind the workers are.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long horizonMillis = mark.getTimestamp() - settings.lateness().toMillis();
        if (mark.getTimestamp() < Watermark.MAX_WATERMARK.getTimestamp() && horizonMillis > Long.MIN_VALUE / 1_000_000L) {
            if (batch.count() > 0) {
                submit();
            }
            pipeline.dropBefore(horizonMillis * 1_000_000L);
        }
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        emit();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        seenState.update(seen.snapshot());
    }

    @Override
    public void endInput() throws Exception {
        emit();
    }

    @Override
    public void close() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
        super.close();
    }

    private void submit() throws InterruptedException {
        pipeline.submit(batch, tally);
        batch = pipeline.emptyBatch();
    }

    /** Flushes the pipeline and sends what it held, with the offsets it came from, downstream. */
    private void emit() throws InterruptedException {
        if (batch.count() > 0) {
            submit();
        }
        List<DayStates> days = pipeline.flush();
        List<Provenance.OffsetRange> ranges = new ArrayList<>();
        offsets.forEach((partition, range) -> ranges.add(new Provenance.OffsetRange(partition, range[0], range[1])));
        offsets.clear();
        reportLate();
        if (!days.isEmpty() || !ranges.isEmpty()) {
            output.collect(new StreamRecord<>(new Part(days, ranges, null).toBytes()));
        }
    }

    private void reportLate() {
        long late = tally.skipped(SkipReason.LATE);
        if (late > lateReported) {
            lateMetric.inc(late - lateReported);
            lateAccumulator.add(late - lateReported);
            LATE.warn("{} packets came more than {} behind the watermark and were not counted ({} in all)", late - lateReported,
                    settings.lateness().toString().substring(2).toLowerCase(Locale.ROOT), late);
            lateReported = late;
        }
    }
}
