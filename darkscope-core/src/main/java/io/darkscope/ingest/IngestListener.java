package io.darkscope.ingest;

import java.nio.file.Path;

/** Hears about an ingest's progress, for a progress bar or a log. Called from the reading threads, one call at a time. */
public interface IngestListener {
    /** A file is about to be read; {@code bytes} is its size on disk. */
    default void fileStarted(Path file, long bytes) {
    }

    /** Cumulative over the whole run: bytes of the files read so far (as stored), and records read. */
    default void progress(long storedBytes, long records) {
    }

    /** A listener that ignores everything. */
    IngestListener NONE = new IngestListener() {
    };
}
