package io.darkscope.cli;

import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One progress line at the terminal's width: the task and its percentage, a bar of at least
 * {@value #MIN_BAR} columns, then as many of the facts as fit, most important first, each
 * separated from the next. A narrow terminal loses facts, never the bar.
 */
final class ProgressLine implements ProgressBarRenderer {
    static final int MIN_BAR = 20;
    private final Function<ProgressState, List<String>> facts;

    /** @param facts what to say beside the bar, most important first */
    ProgressLine(Function<ProgressState, List<String>> facts) {
        this.facts = facts;
    }

    @Override
    public String render(ProgressState state, int width) {
        return render(state.getTaskName(), state.getCurrent(), state.getMax(), facts.apply(state), width);
    }

    /** The line, one column short of {@code width} (a full line would wrap on some terminals). */
    static String render(String task, long current, long max, List<String> facts, int width) {
        long percent = max > 0 ? Math.min(100, 100 * current / max) : 0;
        String head = String.format(Locale.ROOT, "%s %3d%% [", task, percent);
        StringBuilder tail = new StringBuilder("]");
        int room = width - 1 - head.length() - MIN_BAR;
        for (String fact : facts) {
            String part = (tail.length() == 1 ? " " : ", ") + fact;
            if (tail.length() + part.length() > room) {
                break;
            }
            tail.append(part);
        }
        int bar = Math.max(MIN_BAR, width - 1 - head.length() - tail.length());
        int filled = (int) (bar * percent / 100);
        return head + "=".repeat(filled) + " ".repeat(bar - filled) + tail;
    }

    /** The time left at the pace so far, "ETA 0:01:05", or "ETA ?" before any progress. */
    static String eta(ProgressState state) {
        double done = state.getMax() > 0 ? Math.min(1, (double) state.getCurrent() / state.getMax()) : 0;
        if (done <= 0) {
            return "ETA ?";
        }
        Duration left = Duration.ofMillis((long) (state.getElapsedAfterStart().toMillis() * (1 - done) / done));
        return String.format(Locale.ROOT, "ETA %d:%02d:%02d", left.toHours(), left.toMinutesPart(), left.toSecondsPart());
    }
}
