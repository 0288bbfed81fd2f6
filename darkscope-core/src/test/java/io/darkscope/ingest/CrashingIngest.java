package io.darkscope.ingest;

import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.store.Store;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Runs an ingest in its own JVM and kills that JVM, without any cleanup, once it has read
 * {@code haltAfter} records: a crash in the middle of a file. Used by {@link IngestTest}.
 *
 * <p>Arguments: DATA_DIR DARKNET_FILE HALT_AFTER_RECORDS COMMIT_EVERY FILE...
 */
public final class CrashingIngest {
    private CrashingIngest() {
    }

    public static void main(String[] args) throws Exception {
        long haltAfter = Long.parseLong(args[2]);
        IngestOptions options = IngestOptions.defaults(DarknetRegistry.readCidrList(Path.of(args[1])), ZoneOffset.UTC)
                .withCommitEvery(Long.parseLong(args[3]));
        List<Path> files = Arrays.stream(args, 4, args.length).map(Path::of).toList();
        try (Store store = Store.openForBatch(Path.of(args[0]))) {
            new Ingest(store, options, new IngestListener() {
                @Override
                public void progress(long storedBytes, long records) {
                    if (records >= haltAfter) {
                        Runtime.getRuntime().halt(3);
                    }
                }
            }).run(files);
        }
    }
}
