package io.darkscope.testing;

import io.darkscope.analysis.DayStates;
import io.darkscope.capture.FrameBatch;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.darknet.Prefix;
import io.darkscope.decode.LinkType;
import io.darkscope.pipeline.PacketPipeline;
import io.darkscope.pipeline.SourceTally;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** Runs frames through a packet pipeline, with no capture file: what any live source does. */
public final class PipelineRun {
    /** The darknet the tests' frames are sent to. */
    public static final DarknetRegistry DARKNET = DarknetRegistry.ofPrefixes(List.of(Prefix.parse("198.51.100.0/24")));

    /** One Ethernet frame and its capture time. */
    public record Frame(long nanos, byte[] bytes) {
    }

    private PipelineRun() {
    }

    /** The day states of the frames, from one pipeline of {@code workers} threads and one flush. */
    public static List<DayStates> run(List<Frame> frames, int workers) {
        return run(frames, workers, DARKNET, ZoneOffset.UTC);
    }

    public static List<DayStates> run(List<Frame> frames, int workers, DarknetRegistry registry, ZoneId zone) {
        try (PacketPipeline pipeline = PacketPipeline.builder(registry, zone).workers(workers).memory(16 << 20).batchBytes(1 << 16).build()) {
            SourceTally tally = new SourceTally();
            FrameBatch batch = pipeline.emptyBatch();
            for (Frame f : frames) {
                if (batch.dataLength() + f.bytes().length > (1 << 16)) {
                    pipeline.submit(batch, tally);
                    batch = pipeline.emptyBatch();
                }
                batch.append(LinkType.ETHERNET, f.nanos(), f.bytes().length, f.bytes(), 0, f.bytes().length);
            }
            pipeline.submit(batch, tally);
            return pipeline.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
