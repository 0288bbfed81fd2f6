package io.darkscope.sensor;

import io.darkscope.ingest.Ingest;
import io.darkscope.ingest.IngestInput;
import io.darkscope.ingest.IngestListener;
import io.darkscope.ingest.IngestOptions;
import io.darkscope.ingest.IngestSummary;
import io.darkscope.store.Store;
import io.darkscope.store.StoreException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Follows a directory where another tool writes rotated captures ({@code tcpdump -G},
 * corsarowdcap, a telescope's own sensors): each file is ingested once it has stopped changing
 * for the settle time, and a file that grows afterwards has its new records appended, through
 * the ingest ledger, so nothing is counted twice however often the directory is scanned or the
 * follower restarted. Hidden files (a name starting with a dot, as many tools write before
 * renaming) are left alone.
 */
public final class DirectoryFollower {
    private final Store store;
    private final IngestOptions options;
    private final Path directory;
    private final Duration settle;
    private final Duration poll;
    private final Map<Path, Seen> seen = new HashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** A file's size and modification time when it was last ingested. */
    private record Seen(long size, long modified) {
    }

    public DirectoryFollower(Store store, IngestOptions options, Path directory, Duration settle, Duration poll) {
        this.store = store;
        this.options = options;
        this.directory = directory;
        this.settle = settle;
        this.poll = poll;
    }

    /** Scans and ingests until {@link #stop}; {@code onIngest} hears of every scan that ingested something. */
    public void run(Consumer<IngestSummary> onIngest) throws StoreException, InterruptedException {
        do {
            List<Path> ready = scan(System.currentTimeMillis());
            if (!ready.isEmpty()) {
                onIngest.accept(ingest(store, options, ready));
            }
        } while (!stopped.await(poll.toMillis(), TimeUnit.MILLISECONDS));
    }

    static IngestSummary ingest(Store store, IngestOptions options, List<Path> files) throws StoreException {
        return new Ingest(store, options, IngestListener.NONE).runInputs(files.stream().map(IngestInput::of).toList());
    }

    /** Makes {@link #run} return after its current scan. */
    public void stop() {
        stopped.countDown();
    }

    /** The files, oldest name first, that are new or changed since they were ingested and have settled. */
    List<Path> scan(long nowMillis) throws StoreException {
        List<Path> ready = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                BasicFileAttributes a = attributes(file);
                if (a == null || !a.isRegularFile()) {
                    continue;
                }
                Seen now = new Seen(a.size(), a.lastModifiedTime().toMillis());
                if (now.equals(seen.get(file)) || nowMillis - now.modified() < settle.toMillis()) {
                    continue;
                }
                seen.put(file, now);
                ready.add(file);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        return ready;
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null; // gone between listing and reading: the next scan decides
        }
    }
}
