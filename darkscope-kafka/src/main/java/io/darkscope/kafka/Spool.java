package io.darkscope.kafka;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Batches waiting on disk while the broker cannot take them: segment files of (partition, batch)
 * records, written in order and read back oldest first, at most {@code capBytes} in all. A
 * segment is deleted once every batch in it was acknowledged. A record cut short at the end of a
 * segment (the process died while writing it) is left out when the segment is read.
 */
final class Spool {
    private static final String SUFFIX = ".spool";

    private final Path dir;
    private final long capBytes;
    private final long segmentBytes;
    private long bytes;
    private long lastSegment;
    private Path current;
    private DataOutputStream out;
    private long currentBytes;

    /** One spooled batch and the partition it goes to. */
    record Entry(int partition, byte[] batch) {
    }

    Spool(Path dir, long capBytes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.capBytes = capBytes;
        this.segmentBytes = Math.max(1 << 20, capBytes / 16);
        for (Path segment : segments()) {
            bytes += Files.size(segment);
            lastSegment = Math.max(lastSegment, number(segment));
        }
    }

    Path dir() {
        return dir;
    }

    /** Appends a batch; false if the spool is full (the batch is not kept). */
    synchronized boolean append(int partition, byte[] batch) throws IOException {
        long need = 8L + batch.length;
        if (bytes + need > capBytes) {
            return false;
        }
        if (out == null || currentBytes + need > segmentBytes) {
            roll();
        }
        out.writeInt(partition);
        out.writeInt(batch.length);
        out.write(batch);
        out.flush();
        currentBytes += need;
        bytes += need;
        return true;
    }

    private void roll() throws IOException {
        closeCurrent();
        current = dir.resolve(String.format("%012d%s", ++lastSegment, SUFFIX));
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(current), 1 << 16));
        currentBytes = 0;
    }

    private void closeCurrent() throws IOException {
        if (out != null) {
            out.close();
            out = null;
            current = null;
        }
    }

    /** Bytes on disk. */
    synchronized long bytes() {
        return bytes;
    }

    synchronized boolean isEmpty() {
        return bytes == 0;
    }

    /** Closes the segment being written, so that it can be sent; returns every segment, oldest first. */
    synchronized List<Path> seal() throws IOException {
        closeCurrent();
        return segments();
    }

    /** Deletes a segment whose batches were all acknowledged. */
    synchronized void delete(Path segment) throws IOException {
        long size = Files.size(segment);
        Files.delete(segment);
        bytes -= size;
    }

    synchronized void close() throws IOException {
        closeCurrent();
    }

    /** The batches of a segment, in the order they were written. */
    static List<Entry> read(Path segment) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(segment); DataInputStream in = new DataInputStream(raw)) {
            while (true) {
                try {
                    int partition = in.readInt();
                    byte[] batch = new byte[in.readInt()];
                    in.readFully(batch);
                    entries.add(new Entry(partition, batch));
                } catch (EOFException end) {
                    return entries;
                }
            }
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }
}
