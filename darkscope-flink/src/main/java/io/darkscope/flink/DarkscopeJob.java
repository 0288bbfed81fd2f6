package io.darkscope.flink;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.Map;

/**
 * The darkscope job on Flink: the same packet pipeline and analyses as {@code darkscope ingest},
 * one pipeline per task, and the store as a sink that commits each checkpoint exactly once.
 * From Kafka: frame batches, with event time and watermarks per partition, into each task's
 * pipeline, whose day states go to the store at every checkpoint with the offsets they came
 * from. From files: a directory tree of captures, one split per file, each read whole into its
 * day states and ledger row. Either way the store ends up as one process's ingest of the same packets would.
 */
public final class DarkscopeJob {
    /** The accumulator of the packets dropped for coming later than the lateness. */
    static final String LATE_PACKETS = "late-packets";
    /** A partition that sends nothing for this long stops holding the watermark back. */
    private static final Duration IDLE = Duration.ofMinutes(1);

    private DarkscopeJob() {
    }

    /** Packets a finished job dropped for coming later than the lateness (none from files). */
    public static long latePackets(JobExecutionResult result) {
        Long late = result.getAccumulatorResult(LATE_PACKETS);
        return late == null ? 0 : late;
    }

    /**
     * The frame batches of a topic, from where the store's commits end (or the beginning).
     *
     * @param stopAtEnd stop at the end offsets the topic has when the job starts, instead of running on
     * @param committed the store's committed offsets of the topic, by partition
     */
    public static DataStream<FrameRecord> kafka(StreamExecutionEnvironment env, JobSettings settings, String brokers, String topic,
                                                boolean stopAtEnd, Map<Integer, Long> committed) {
        KafkaSourceBuilder<FrameRecord> source = KafkaSource.<FrameRecord>builder()
                .setBootstrapServers(brokers)
                .setTopics(topic)
                .setGroupId("darkscope-" + topic) // its committed offsets show the lag; where to start is the store's
                .setStartingOffsets(new StoreOffsets(committed))
                .setDeserializer(new FrameRecordDeserializer());
        if (stopAtEnd) {
            source.setBounded(OffsetsInitializer.latest());
        }
        env.getConfig().enableObjectReuse(); // records are handed on, never kept: no copy between chained operators
        return env.fromSource(source.build(), watermarks(settings.outOfOrderness()), "kafka " + topic).uid("kafka");
    }

    /** Counts frame batches into the store: a pipeline per task, the store as a sink of parallelism 1. */
    public static void countFrames(DataStream<FrameRecord> frames, JobSettings settings, String topic) {
        frames.transform("pipeline", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO, new PipelineOperator(settings)).uid("pipeline")
                .sinkTo(new StoreSink(settings, topic)).name("store").uid("store").setParallelism(1);
    }

    /** Counts every capture below a directory (hidden files and directories left out) into the store. */
    public static void countFiles(StreamExecutionEnvironment env, JobSettings settings, String directory) {
        FileSource<byte[]> files = FileSource.forBulkFileFormat(new CaptureFormat(settings), new Path(directory))
                .setFileEnumerator(() -> new NonSplittingRecursiveEnumerator(DarkscopeJob::visible))
                .build();
        env.getConfig().enableObjectReuse();
        env.fromSource(files, WatermarkStrategy.noWatermarks(), "captures").uid("captures")
                .sinkTo(new StoreSink(settings, null)).name("store").uid("store").setParallelism(1);
    }

    private static boolean visible(Path path) {
        return !path.getName().startsWith(".");
    }

    /**
     * Event time is a batch's latest frame; the watermark follows the latest batch of each
     * partition by the out-of-orderness. It moves with every batch rather than every 200 ms, so
     * that what is late does not depend on how fast the job reads.
     */
    static WatermarkStrategy<FrameRecord> watermarks(Duration outOfOrderness) {
        long bound = outOfOrderness.toMillis();
        return WatermarkStrategy.<FrameRecord>forGenerator(context -> new EveryBatch(bound))
                .withTimestampAssigner((record, kafkaTimestamp) -> record.latestMillis)
                .withIdleness(IDLE);
    }

    private static final class EveryBatch implements WatermarkGenerator<FrameRecord> {
        private final long bound;
        private long latest = Long.MIN_VALUE;

        EveryBatch(long bound) {
            this.bound = bound;
        }

        @Override
        public void onEvent(FrameRecord record, long timestamp, WatermarkOutput output) {
            if (timestamp > latest) {
                latest = timestamp;
                output.emitWatermark(new Watermark(latest - bound - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
        }
    }
}
