package io.darkscope.cli;

import io.darkscope.ingest.IngestInput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams (standard input, a pipe, a device) saved to hidden files in the data directory until
 * they end, so that ingest can read them like files: by their packets a stream sent twice is a
 * duplicate. Each is known in the ledger by its name and the time it was read, since the next
 * stream of the same name is other data. The files are deleted on close.
 */
final class StreamSpool implements AutoCloseable {
    private final Path directory;
    private final List<Path> files = new ArrayList<>();

    StreamSpool(Path directory) {
        this.directory = directory;
    }

    /** Reads a stream to its end into the spool. */
    IngestInput save(InputStream stream, String name) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, ".stream-", ".cap");
        files.add(file);
        try (InputStream in = stream) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return new IngestInput(file, name + " at " + Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Opens a named pipe or device and reads it to its end; a regular file is refused, since ingest reads it as a file. */
    IngestInput save(Path stream) throws IOException {
        if (Files.isRegularFile(stream)) {
            throw new IllegalArgumentException("--stream " + stream + " is a regular file: give it to ingest as a PATH");
        }
        if (Files.isDirectory(stream)) {
            throw new IllegalArgumentException("--stream " + stream + " is a directory: give it to ingest as a PATH");
        }
        return save(Files.newInputStream(stream), stream.toAbsolutePath().normalize().toString());
    }

    @Override
    public void close() throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }
}
