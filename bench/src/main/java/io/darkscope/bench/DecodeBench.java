package io.darkscope.bench;

import io.darkscope.analysis.Accumulator;
import io.darkscope.analysis.Analyses;
import io.darkscope.capture.FrameBuilder;
import io.darkscope.classify.TrafficClass;
import io.darkscope.decode.DecodeResult;
import io.darkscope.decode.LinkType;
import io.darkscope.decode.PacketDecoder;
import io.darkscope.decode.PacketView;
import io.darkscope.decode.TcpFlags;
import io.darkscope.pipeline.Day;
import io.darkscope.pipeline.PacketTags;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The hot loop per packet, on one core: decoding an Ethernet frame into the packet view, and
 * decoding plus every registered analysis (traffic pairs, class, fingerprints, backscatter). Frames
 * are SYN scans from 100,000 sources, a third of them Mirai, as in {@code bench/ingest.sh}.
 * Run with {@code bench/micro.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBench {
    private static final int FRAMES = 8192;
    private static final int FRAME_BYTES = 64;
    private static final long DAY_START = 1_474_329_600L * 1_000_000_000L; // 2016-09-20T00:00Z

    private final byte[] frames = new byte[FRAMES * FRAME_BYTES];
    private final int[] lengths = new int[FRAMES];
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();
    private final Day day = Day.of(ZoneOffset.UTC, LocalDate.of(2016, 9, 20));
    private final PacketTags tags = new PacketTags();
    private final List<Accumulator<?>> analyses = Analyses.all().stream().<Accumulator<?>>map(a -> a.newAccumulator(64 << 20)).toList();

    @Setup
    public void writeFrames() {
        SplittableRandom random = new SplittableRandom(7);
        FrameBuilder frame = new FrameBuilder();
        for (int i = 0; i < FRAMES; i++) {
            int source = 0x0B000000 + random.nextInt(100_000);
            int destination = 0x64400000 | random.nextInt(65_536);
            int port = random.nextInt(3) == 0 ? 23 : 1 + random.nextInt(65_535);
            frame.reset().ipv4(source, destination).ipId(random.nextInt(65_536))
                    .tcp(1024 + (source & 0x7fff), port, port == 23 ? destination : random.nextInt(), 0, TcpFlags.SYN, 14_600);
            byte[] bytes = frame.build();
            System.arraycopy(bytes, 0, frames, i * FRAME_BYTES, bytes.length);
            lengths[i] = bytes.length;
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decode() {
        long sum = 0;
        for (int i = 0; i < FRAMES; i++) {
            decodeFrame(i);
            sum += view.src4();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decodeAndAnalyse() {
        for (int i = 0; i < FRAMES; i++) {
            decodeFrame(i);
            tags.set(day, TrafficClass.of(view));
            for (Accumulator<?> a : analyses) {
                a.accept(view, tags);
            }
        }
    }

    private void decodeFrame(int i) {
        if (decoder.decode(LinkType.ETHERNET, frames, i * FRAME_BYTES, lengths[i], lengths[i], DAY_START + i, view) != DecodeResult.IP) {
            throw new IllegalStateException("frame " + i + " did not decode");
        }
    }
}
