package io.darkscope.ingest;

import java.nio.file.Path;

/**
 * A capture to ingest and the name the ledger knows it by: its absolute path, or a name such as
 * "stdin" for a stream saved to a file first.
 */
public record IngestInput(Path file, String name) {
    /** A file known by its absolute, normalised path. */
    public static IngestInput of(Path file) {
        return new IngestInput(file, file.toAbsolutePath().normalize().toString());
    }
}
