package io.darkscope.sensor;

import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.capture.PcapWriter;
import io.darkscope.decode.LinkType;
import io.darkscope.store.Store;
import io.darkscope.testing.PipelineRun;
import io.darkscope.testing.ScannerMix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A running sensor's store, read while the day is still open, answers as the closed day will. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SensorTest {
    private static final long START = 1_474_243_200L; // 2016-09-19T00:00:00Z

    @TempDir
    Path dir;

    @Test
    void fingerprintsOfADayStillOpenEqualThoseOfTheClosedDay() throws Exception {
        List<PipelineRun.Frame> frames = ScannerMix.generate(4, 30_000, START, 3_000);
        ByteArrayOutputStream pcap = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(pcap, LinkType.ETHERNET, true)) {
            frames.stream().sorted((a, b) -> Long.compare(a.nanos(), b.nanos()))
                    .forEach(f -> write(writer, f));
        }
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(feed, 1 << 20);
        BlockingQueue<Sensor.Window> windows = new LinkedBlockingQueue<>();
        try (Store store = Store.open(dir)) {
            Sensor sensor = new Sensor(store, PipelineRun.DARKNET, ZoneOffset.UTC, 2, StreamSource.open(streamOf(feed, pcap.toByteArray(), in), "test"),
                    Sensor.Options.named("test").every(Duration.ofMinutes(10), Duration.ofSeconds(5)), windows::add);
            Thread running = new Thread(() -> {
                try {
                    sensor.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            running.start();
            for (int i = 0; i < 4; i++) {
                assertThat(windows.poll(60, TimeUnit.SECONDS)).as("window " + i).isNotNull();
            }
            List<FingerprintQueries.Row> open;
            try (Store reader = store.duplicate()) {
                assertThat(reader.partedDays(null, null)).as("the day is still open").hasSize(1);
                open = new FingerprintQueries(reader).fingerprints(null, null);
            }
            feed.close();
            running.join();
            List<FingerprintQueries.Row> closed = new FingerprintQueries(store).fingerprints(null, null);
            assertThat(store.partedDays(null, null)).isEmpty();
            assertThat(closed.stream().map(FingerprintQueries.Row::fingerprint)).contains("zmap", "masscan");
            assertThat(open.stream().map(FingerprintQueries.Row::fingerprint)).contains("zmap", "masscan");
        }
    }

    /** The capture arrives, then the writer stays connected (a live pipe) until the test closes it. */
    private static PipedInputStream streamOf(PipedOutputStream feed, byte[] bytes, PipedInputStream in) {
        Thread writer = new Thread(() -> {
            try {
                feed.write(bytes);
                feed.flush();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        return in;
    }

    private static void write(PcapWriter writer, PipelineRun.Frame f) {
        try {
            writer.write(f.nanos(), f.bytes(), 0, f.bytes().length, f.bytes().length);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
