package io.darkscope.ingest;

import io.darkscope.pipeline.SkipReason;
import io.darkscope.store.IngestedFile;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of an ingest run: every file's report, records read, darknet packets, records
 * skipped by reason, files skipped because they were already in the store.
 */
public record IngestSummary(List<FileReport> files, List<String> alreadyIngested, long records, long darknetPackets,
                            Map<SkipReason, Long> skipped, Set<Integer> unsupportedLinkTypes, double seconds) {

    /** Files by status. */
    public Map<IngestedFile.Status, Long> filesByStatus() {
        Map<IngestedFile.Status, Long> counts = new EnumMap<>(IngestedFile.Status.class);
        for (FileReport f : files) {
            counts.merge(f.file().status(), 1L, Long::sum);
        }
        return counts;
    }

    /** True if some file was refused or could not be read at all. */
    public boolean anyRefused() {
        return files.stream().anyMatch(f -> f.file().status().refused());
    }
}
