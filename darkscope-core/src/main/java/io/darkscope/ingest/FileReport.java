package io.darkscope.ingest;

import io.darkscope.capture.CaptureProblem;
import io.darkscope.pipeline.SkipReason;
import io.darkscope.pipeline.SourceTally;
import io.darkscope.store.IngestedFile;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What became of one file: its ledger row, the problems found in it, and its records skipped by reason. */
public record FileReport(IngestedFile file, List<CaptureProblem> problems, Map<SkipReason, Long> skipped,
                         Set<Integer> unsupportedLinkTypes) {
    FileReport(IngestedFile file, List<CaptureProblem> problems, SourceTally tally) {
        this(file, problems, tally.skipped(), tally.unsupportedLinkTypes());
    }
}
