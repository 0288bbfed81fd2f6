package io.darkscope.flink;

import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.capture.FrameBatch;
import io.darkscope.kafka.KafkaFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker goes away for two seconds while a sensor publishes: the publisher keeps what the
 * broker cannot take in its spool and sends it when the broker is back; the job counts every
 * packet once (batches that arrive twice are dropped), so the store equals one ingest.
 */
@ExtendWith(Shared.class)
class BrokerRestartTest {
    @TempDir
    Path dir;

    @Test
    void aBrokerRestartWhileTheSensorPublishesLosesAndDoublesNothing(EmbeddedKafka kafka, Simulation simulation) throws Exception {
        String topic = "frames-restart";
        kafka.createTopic(topic, 2);
        KafkaFrames frames = KafkaFrames.builder(kafka.bootstrapServers(), topic, "sensor-c", dir.resolve("spool"))
                .batchBytes(8 << 10)
                .linger(Duration.ZERO)
                .closeWait(Duration.ofSeconds(60))
                .producerProperty("delivery.timeout.ms", 3000)
                .producerProperty("request.timeout.ms", 1000)
                .producerProperty("max.block.ms", 200)
                .producerProperty("reconnect.backoff.max.ms", 200)
                .open();
        Thread sensor = new Thread(() -> publishSlowly(simulation, frames), "sensor");
        sensor.start();
        Thread.sleep(1000);
        kafka.stop();
        Thread.sleep(2000);
        kafka.start();
        sensor.join();
        frames.close();

        assertThat(frames.batchesSpooled()).as("batches kept in the spool during the outage").isPositive();
        assertThat(frames.batchesDropped()).isZero();
        assertThat(frames.spoolBytes()).isZero();
        Path data = dir.resolve("store");
        // a second of publishing here is a day of traffic: what was in flight when the broker went
        // away arrives after later batches, a day late, where a live sensor's would be seconds late
        Jobs.run("--kafka", kafka.bootstrapServers(), "--topic", topic, "--stop-at-end", "--data", data.toString(),
                "--config", simulation.config.toString(), "--parallelism", "2", "--checkpoint-interval", "1s", "--lateness", "7d");
        simulation.assertEqualsReference(data);
    }

    /** The captures a hundred frames at a time, every 10 ms: about three seconds in all. */
    private static void publishSlowly(Simulation simulation, KafkaFrames frames) {
        try {
            FrameBatch chunk = new FrameBatch(1 << 16);
            for (Path capture : simulation.captures) {
                try (CaptureReader reader = Captures.open(capture)) {
                    FrameBatch batch = new FrameBatch();
                    while (reader.next(batch)) {
                        for (int i = 0; i < batch.count(); i++) {
                            chunk.append(batch.linkType(i), batch.timestampNanos(i), batch.wireLength(i), batch.data(), batch.frameOffset(i),
                                    batch.capturedLength(i));
                            if (chunk.count() == 100) {
                                frames.send(chunk);
                                chunk.clear();
                                Thread.sleep(10);
                            }
                        }
                    }
                }
            }
            frames.send(chunk);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
