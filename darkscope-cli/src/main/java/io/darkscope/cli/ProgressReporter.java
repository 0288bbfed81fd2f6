package io.darkscope.cli;

import io.darkscope.ingest.IngestListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.nio.file.Path;
import java.util.Locale;

/** A progress bar on the terminal: bytes of the files, records, record rate and ETA. */
final class ProgressReporter implements IngestListener, AutoCloseable {
    private final ProgressBar bar;
    private final long started = System.nanoTime();
    private int files;
    private final int totalFiles;

    ProgressReporter(long totalBytes, int totalFiles) {
        this.totalFiles = totalFiles;
        this.bar = terminalBar("ingest", Math.max(1, totalBytes >> 20), " MiB").showSpeed().build();
    }

    /** The style of every progress bar darkscope draws: plain ASCII on standard error. */
    static ProgressBarBuilder terminalBar(String task, long max, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit, 1).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err));
    }

    /** A reporter only when a person is watching; otherwise nothing. */
    static IngestListener forTerminal(long totalBytes, int totalFiles) {
        return System.console() == null ? IngestListener.NONE : new ProgressReporter(totalBytes, totalFiles);
    }

    @Override
    public void fileStarted(Path file, long bytes) {
        files++;
    }

    @Override
    public void progress(long storedBytes, long records) {
        bar.stepTo(storedBytes >> 20);
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        bar.setExtraMessage(String.format(Locale.ROOT, "file %d/%d, %,d records, %,.0f rec/s", files, totalFiles, records, records / seconds));
    }

    @Override
    public void close() {
        bar.close();
    }
}
