package io.darkscope.kafka;

import io.darkscope.capture.FrameBatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameBatchCodecTest {
    /** A frame as a sensor captured it. */
    private record Frame(int linkType, long nanos, int wireLength, byte[] bytes) {
    }

    private static List<Frame> frames(int n) {
        SplittableRandom random = new SplittableRandom(5);
        List<Frame> frames = new ArrayList<>();
        long nanos = 1_477_692_004_492_268_000L;
        for (int i = 0; i < n; i++) {
            nanos += random.nextLong(-2_000_000_000L, 5_000_000_000L); // captures are not always in order
            byte[] bytes = new byte[random.nextInt(i == 0 ? 1 : 0, 1600)];
            random.nextBytes(bytes);
            frames.add(new Frame(random.nextBoolean() ? 1 : 276, nanos, bytes.length + random.nextInt(0, 9000), bytes));
        }
        return frames;
    }

    @Test
    void framesComeBackAsTheSensorCapturedThem() {
        List<Frame> sent = frames(500);
        FrameBatchCodec.Builder builder = new FrameBatchCodec.Builder();
        sentTo(builder, sent);
        byte[] batch = builder.build("sensor-tokyo-1", 42, 7);

        FrameBatchCodec.Header header = FrameBatchCodec.header(batch);
        assertThat(header.sensor()).isEqualTo("sensor-tokyo-1");
        assertThat(header.run()).isEqualTo(42);
        assertThat(header.sequence()).isEqualTo(7);
        assertThat(header.frames()).isEqualTo(500);
        assertThat(header.latestNanos()).isEqualTo(sent.stream().mapToLong(Frame::nanos).max().orElseThrow());
        FrameBatch read = new FrameBatch(1 << 10);
        FrameBatchCodec.appendTo(batch, header, read);
        assertThat(read.count()).isEqualTo(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            Frame f = sent.get(i);
            assertThat(read.linkType(i)).isEqualTo(f.linkType());
            assertThat(read.timestampNanos(i)).isEqualTo(f.nanos());
            assertThat(read.wireLength(i)).isEqualTo(f.wireLength());
            byte[] bytes = Arrays.copyOfRange(read.data(), read.frameOffset(i), read.frameOffset(i) + read.capturedLength(i));
            assertThat(bytes).isEqualTo(f.bytes());
        }
    }

    @Test
    void aBuilderClearedStartsAnEmptyBatch() {
        FrameBatchCodec.Builder builder = new FrameBatchCodec.Builder();
        builder.add(1, 5, 3, new byte[] {1, 2, 3}, 0, 3);
        builder.build("s", 1, 0);
        builder.clear();
        builder.add(1, 9, 2, new byte[] {4, 5}, 0, 2);
        byte[] batch = builder.build("s", 1, 1);
        FrameBatch read = new FrameBatch(64);
        FrameBatchCodec.appendTo(batch, FrameBatchCodec.header(batch), read);
        assertThat(read.count()).isEqualTo(1);
        assertThat(read.timestampNanos(0)).isEqualTo(9);
    }

    @Test
    void aBatchCutShortOrOfAnotherVersionIsRefused() {
        FrameBatchCodec.Builder builder = new FrameBatchCodec.Builder();
        sentTo(builder, frames(20));
        byte[] batch = builder.build("s", 1, 0);
        byte[] cut = Arrays.copyOf(batch, batch.length - 10);
        assertThatThrownBy(() -> FrameBatchCodec.appendTo(cut, FrameBatchCodec.header(cut), new FrameBatch(64)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] newer = batch.clone();
        newer[2] = 2;
        assertThatThrownBy(() -> FrameBatchCodec.header(newer)).hasMessageContaining("version 2");
        assertThatThrownBy(() -> FrameBatchCodec.header("not a batch at all, just text".getBytes()))
                .hasMessageContaining("not a darkscope frame batch");
    }

    private static void sentTo(FrameBatchCodec.Builder builder, List<Frame> frames) {
        frames.forEach(f -> builder.add(f.linkType(), f.nanos(), f.wireLength(), f.bytes(), 0, f.bytes().length));
    }
}
