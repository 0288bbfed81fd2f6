package io.darkscope.sensor;

import com.github.luben.zstd.ZstdOutputStream;
import io.darkscope.capture.FrameBatch;
import io.darkscope.capture.PcapngWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The frames a sensor captured, kept as compressed pcapng files, one per hour of capture time
 * (UTC): {@code NAME-20261201T13Z.pcapng.gz}. For reprocessing into another store, or by other
 * tools; ingesting them into the sensor's own store would count their packets a second time.
 */
final class Archive implements AutoCloseable {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH'Z'").withZone(ZoneOffset.UTC);
    private static final long HOUR_NANOS = 3_600_000_000_000L;

    /** How archive files are compressed. */
    enum Compression {
        GZIP(".pcapng.gz"), ZSTD(".pcapng.zst");

        private final String suffix;

        Compression(String suffix) {
            this.suffix = suffix;
        }
    }

    private final Path directory;
    private final String sensor;
    private final Compression compression;
    private PcapngWriter writer;
    private long hour = Long.MIN_VALUE;
    private final Map<Integer, Integer> interfaces = new HashMap<>();

    Archive(Path directory, String sensor, Compression compression) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.sensor = sensor;
        this.compression = compression;
    }

    /** Appends a batch's frames, starting a new file at each hour. */
    void write(FrameBatch batch) throws IOException {
        for (int i = 0; i < batch.count(); i++) {
            long nanos = batch.timestampNanos(i);
            long frameHour = Math.floorDiv(nanos, HOUR_NANOS);
            if (frameHour > hour || writer == null) {
                rotate(frameHour);
            }
            int link = batch.linkType(i);
            Integer id = interfaces.get(link);
            if (id == null) {
                id = writer.addInterface(link, 0, 9);
                interfaces.put(link, id);
            }
            writer.write(id, nanos, batch.data(), batch.frameOffset(i), batch.capturedLength(i), batch.wireLength(i));
        }
    }

    private void rotate(long newHour) throws IOException {
        close();
        hour = newHour;
        String name = sensor + "-" + HOUR.format(Instant.ofEpochSecond(newHour * 3600)) + compression.suffix;
        Path file = uniqueName(directory.resolve(name));
        OutputStream out = Files.newOutputStream(file);
        writer = new PcapngWriter(compression == Compression.GZIP ? new GZIPOutputStream(out, 1 << 16) : new ZstdOutputStream(out), false);
    }

    /** A sensor restarted within the hour writes a second file rather than over the first. */
    private static Path uniqueName(Path file) {
        Path candidate = file;
        for (int n = 2; Files.exists(candidate); n++) {
            String name = file.getFileName().toString();
            int dot = name.indexOf(".pcapng");
            candidate = file.resolveSibling(name.substring(0, dot) + "-" + n + name.substring(dot));
        }
        return candidate;
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
            interfaces.clear();
        }
    }
}
