package io.darkscope.flink;

import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.capture.FrameBatch;
import io.darkscope.capture.PcapWriter;
import io.darkscope.kafka.KafkaFrames;
import org.apache.flink.api.common.JobExecutionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event time: after the three days, a batch of frames captured earlier arrives. Those half an
 * hour behind the watermark are within the hour's lateness and count; those three hours behind
 * are dropped and reported as late, exactly as many as they are.
 */
@ExtendWith(Shared.class)
class LateFramesTest {
    private static final int WITHIN = 7;
    private static final int BEYOND = 4;

    @TempDir
    Path dir;

    @Test
    void framesWithinTheLatenessCountAndLaterOnesAreReported(EmbeddedKafka kafka, Simulation simulation) throws Exception {
        String topic = "frames-late";
        kafka.createTopic(topic, 1);
        FrameBatch early = firstFrames(simulation.captures.get(0), WITHIN + BEYOND);
        long latest = latestNanos(simulation.captures.get(2));
        FrameBatch late = new FrameBatch(1 << 16);
        for (int i = 0; i < early.count(); i++) {
            Duration behind = i < WITHIN ? Duration.ofMinutes(30) : Duration.ofHours(3);
            late.append(early.linkType(i), latest - behind.toNanos(), early.wireLength(i), early.data(), early.frameOffset(i),
                    early.capturedLength(i));
        }
        try (KafkaFrames frames = KafkaFrames.open(kafka.bootstrapServers(), topic, "sensor-d", dir.resolve("spool"))) {
            simulation.publish(frames);
            frames.send(late);
        }

        Path data = dir.resolve("store");
        JobExecutionResult result = Jobs.run("--kafka", kafka.bootstrapServers(), "--topic", topic, "--stop-at-end", "--data",
                data.toString(), "--config", simulation.config.toString(), "--lateness", "1h", "--out-of-orderness", "5s");

        assertThat(DarkscopeJob.latePackets(result)).isEqualTo(BEYOND);
        List<Path> withCounted = new ArrayList<>(simulation.captures);
        withCounted.add(capture(late, WITHIN));
        assertThat(simulation.snapshot(data)).isEqualTo(simulation.snapshot(simulation.ingest(withCounted, dir.resolve("reference"))));
    }

    private static FrameBatch firstFrames(Path capture, int n) throws Exception {
        FrameBatch all = new FrameBatch();
        try (CaptureReader reader = Captures.open(capture)) {
            reader.next(all);
        }
        FrameBatch first = new FrameBatch(1 << 16);
        for (int i = 0; i < n; i++) {
            first.append(all.linkType(i), all.timestampNanos(i), all.wireLength(i), all.data(), all.frameOffset(i), all.capturedLength(i));
        }
        return first;
    }

    private static long latestNanos(Path capture) throws Exception {
        try (CaptureReader reader = Captures.open(capture)) {
            FrameBatch batch = new FrameBatch();
            while (reader.next(batch)) {
                continue;
            }
            return reader.lastTimestampNanos();
        }
    }

    /** The first {@code n} frames of a batch as a capture file. */
    private Path capture(FrameBatch batch, int n) throws Exception {
        Path file = dir.resolve("within-lateness.pcap");
        try (OutputStream out = Files.newOutputStream(file)) {
            PcapWriter writer = new PcapWriter(out, batch.linkType(0), true);
            for (int i = 0; i < n; i++) {
                writer.write(batch.timestampNanos(i), batch.data(), batch.frameOffset(i), batch.capturedLength(i), batch.wireLength(i));
            }
            writer.close();
        }
        return file;
    }
}
