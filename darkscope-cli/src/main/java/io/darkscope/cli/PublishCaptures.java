package io.darkscope.cli;

import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.kafka.KafkaFrames;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code darkscope ingest --kafka BROKERS --topic T FILES}: publishes the captures' frames as a
 * sensor does, for a Flink job to count, instead of ingesting them here. Batches the broker
 * cannot take wait in a spool under {@code DATA/kafka-spool} and go first the next time. Publishing is not
 * idempotent: the same files published twice are counted twice.
 */
final class PublishCaptures {
    private PublishCaptures() {
    }

    /** Publishes the files; the exit status (1 if some file could not be read). */
    static int run(List<Path> files, KafkaOptions kafka, Path data, PrintWriter out) throws IOException {
        long started = System.nanoTime();
        long records = 0;
        int unreadable = 0;
        try (KafkaFrames frames = kafka.open("ingest@" + InetAddress.getLocalHost().getHostName(), data)) {
            for (Path file : files) {
                try (CaptureReader reader = Captures.open(file)) {
                    records += frames.sendAll(reader);
                    reader.problems().stream().findFirst().ifPresent(p -> out.printf(Locale.ROOT, "damaged: %s: %s%n", file, p));
                } catch (IOException e) {
                    unreadable++;
                    out.printf(Locale.ROOT, "rejected: %s: %s%n", file, Captures.describe(e));
                }
            }
            frames.flush();
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "published %,d records of %d files to %s in %.1f s (%,.0f records/s)%n", records,
                    files.size() - unreadable, kafka.describe(), seconds, records / Math.max(seconds, 1e-9));
        }
        out.flush();
        return unreadable > 0 ? Darkscope.USER_ERROR : 0;
    }
}
