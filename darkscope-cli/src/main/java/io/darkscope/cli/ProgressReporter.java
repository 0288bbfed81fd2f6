package io.darkscope.cli;

import io.darkscope.ingest.IngestListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressState;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Ingest's progress on the terminal: a bar over the files' bytes, then the file, the ETA, the record rate and the MiB read. */
final class ProgressReporter implements IngestListener, AutoCloseable {
    private final ProgressBar bar;
    private final int totalFiles;
    private volatile int files;
    private volatile long records;

    ProgressReporter(long totalBytes, int totalFiles) {
        this.totalFiles = totalFiles;
        this.bar = terminalBar("ingest", Math.max(1, totalBytes >> 20), this::facts).build();
    }

    /** The style of every progress bar darkscope draws: one {@link ProgressLine} on standard error. */
    static ProgressBarBuilder terminalBar(String task, long max, Function<ProgressState, List<String>> facts) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setRenderer(new ProgressLine(facts))
                .setConsumer(new ConsoleProgressBarConsumer(System.err));
    }

    /** A reporter only when a person is watching; otherwise nothing. */
    static IngestListener forTerminal(long totalBytes, int totalFiles) {
        return System.console() == null ? IngestListener.NONE : new ProgressReporter(totalBytes, totalFiles);
    }

    private List<String> facts(ProgressState state) {
        double seconds = Math.max(1e-3, state.getElapsedAfterStart().toMillis() / 1e3);
        return List.of("file " + files + "/" + totalFiles, ProgressLine.eta(state), String.format(Locale.ROOT, "%,.0f records/s", records / seconds),
                String.format(Locale.ROOT, "%,d/%,d MiB", state.getCurrent(), state.getMax()));
    }

    @Override
    public void fileStarted(Path file, long bytes) {
        files++; // only the reading thread calls it
    }

    @Override
    public void progress(long storedBytes, long records) {
        this.records = records;
        bar.stepTo(storedBytes >> 20);
    }

    @Override
    public void close() {
        bar.close();
    }
}
