package io.darkscope.flink;

import io.darkscope.config.DarkscopeConfig;
import io.darkscope.kafka.KafkaFrames;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task that fails in the middle of the job, after the store has committed some checkpoints:
 * Flink restarts it from the last checkpoint, the source reads again what followed, the
 * committer is handed again what it had committed, and the store ends up exactly as one ingest.
 */
@ExtendWith(Shared.class)
class FailureRecoveryTest {
    @TempDir
    Path dir;

    /** Throws once, after half the batches and a completed checkpoint; slow enough before that for checkpoints to pass. */
    static final class FailOnce implements MapFunction<FrameRecord, FrameRecord>, CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
        static final AtomicLong SEEN = new AtomicLong();
        private final long after;

        FailOnce(long after) {
            this.after = after;
        }

        @Override
        public FrameRecord map(FrameRecord record) throws Exception {
            long seen = SEEN.incrementAndGet();
            if (!FAILED.get()) {
                Thread.sleep(5); // not blocking: the source sends its barriers from this very thread
                if (seen > after && CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure after " + seen + " batches");
                }
            }
            return record;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }

    @Test
    void aTaskFailureAndARestartFromTheCheckpointCountEveryPacketOnce(EmbeddedKafka kafka, Simulation simulation) throws Exception {
        String topic = "frames-failure";
        kafka.createTopic(topic, 3);
        try (KafkaFrames frames = KafkaFrames.builder(kafka.bootstrapServers(), topic, "sensor-b", dir.resolve("spool"))
                .batchBytes(8 << 10).open()) {
            simulation.publish(frames);
        }
        long batches = kafka.records(topic);
        Path data = dir.resolve("store");
        DarkscopeConfig config = simulation.darkscope;
        JobSettings settings = JobSettings.of(data, config.registry(), config.zone());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
        DarkscopeJob.countFrames(DarkscopeJob.kafka(env, settings, kafka.bootstrapServers(), topic, true, Map.of())
                .map(new FailOnce(batches / 2)).uid("fail-once"), settings, topic);
        env.execute("failure and recovery");

        assertThat(FailOnce.FAILED).isTrue();
        assertThat(FailOnce.SEEN.get()).as("batches read, some twice").isGreaterThan(batches);
        simulation.assertEqualsReference(data);
    }
}
