package io.darkscope.analysis.scan;

import io.darkscope.analysis.AnalysisState;
import io.darkscope.pipeline.Day;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Future;

/**
 * A day's activity, by (source, type code, SYN signature) and 10-minute bucket: packets, bytes, the
 * first and last second with a packet, and the distinct destinations ({@link ScanRecord}). Scans
 * are cut from it at query time, so that a scan past midnight or spread over files is one. Held
 * as sorted runs, one per buffer of packets; merging two states keeps both runs, and they are
 * merged into one, records of the same key and bucket added together, when there are too many or
 * when the state is written: every cut of the same packets gives the same records.
 */
public final class DayScans implements AnalysisState<DayScans> {
    private static final int MAX_RUNS = 16;

    private final Day day;
    private final List<List<Chunk>> runs = new ArrayList<>();
    private RangeWriting writing;

    DayScans(Day day) {
        this.day = day;
    }

    @Override
    public Day day() {
        return day;
    }

    void addRun(List<Chunk> run) {
        if (!run.isEmpty()) {
            runs.add(run);
            if (runs.size() > MAX_RUNS) {
                compact();
            }
        }
    }

    @Override
    public DayScans merge(DayScans other) {
        other.runs.forEach(this::addRun);
        return this;
    }

    /** Every record in order, as one run. */
    List<Chunk> chunks() {
        if (runs.size() > 1) {
            compact();
        }
        return runs.isEmpty() ? List.of() : runs.get(0);
    }

    /**
     * Hands every record in order to {@code sink}, merging the runs on the way without keeping
     * what they merge into.
     */
    <E extends Exception> void forEach(RecordSink<E> sink) throws E {
        new RecordMerge(runs).forEach(sink);
    }

    /** Hands the records of one range of sources ({@link RecordWriter#range}) in order to {@code sink}. */
    <E extends Exception> void forEach(int range, RecordSink<E> sink) throws E {
        new RecordMerge(runs, range).forEach(sink);
    }

    /**
     * Starts {@link #write}'s merge of the ranges before it is called, a quarter of the ranges
     * ahead: their chunks wait in memory for the sinks.
     */
    void startWrite() {
        if (writing == null) {
            writing = new RangeWriting();
            writing.submit(RecordWriter.RANGES / 4);
        }
    }

    /**
     * Writes every record in order as two runs, the quiet keys ({@link QuietKeys}) and the others,
     * merging the runs on the way without keeping what they merge into: the state is no larger
     * afterwards. The ranges of sources ({@link RecordWriter#range}) are merged on one thread a
     * core, a range more than the cores ahead of the sinks (or as far as {@link #startWrite} went),
     * which take their chunks in order on the caller's thread: the same chunks as one pass, since
     * no chunk crosses a range.
     */
    <E extends Exception> void write(RecordWriter.ChunkSink<E> others, RecordWriter.ChunkSink<E> quiet) throws E {
        try (RangeWriting w = writing != null ? writing : new RangeWriting()) {
            writing = null;
            for (int range = 0; range < RecordWriter.RANGES; range++) {
                w.submit(w.work.threads + 1);
                RangeChunks done = RangeWork.join(w.ahead.remove());
                for (Chunk c : done.others()) {
                    others.chunk(c);
                }
                for (Chunk c : done.quiet()) {
                    quiet.chunk(c);
                }
            }
        }
    }

    /** The ranges being merged for {@link #write}, in order. */
    private final class RangeWriting implements AutoCloseable {
        final RangeWork work = new RangeWork("darkscope-scan-write");
        final Deque<Future<RangeChunks>> ahead = new ArrayDeque<>();
        private int next;

        /** Submits the next ranges until {@code count} are merging or merged and not yet taken. */
        void submit(int count) {
            for (; next < RecordWriter.RANGES && ahead.size() < count; next++) {
                int range = next;
                ahead.add(work.submit(() -> writeRange(range)));
            }
        }

        @Override
        public void close() {
            work.close();
        }
    }

    private record RangeChunks(List<Chunk> others, List<Chunk> quiet) {
    }

    private RangeChunks writeRange(int range) {
        RangeChunks chunks = new RangeChunks(new ArrayList<>(), new ArrayList<>());
        RecordWriter<RuntimeException> othersOut = new RecordWriter<>(chunks.others()::add);
        RecordWriter<RuntimeException> quietOut = new RecordWriter<>(chunks.quiet()::add);
        QuietKeys<RuntimeException> split = new QuietKeys<>(day, othersOut::write, quietOut::write);
        new RecordMerge(runs, range).forEach(split);
        split.finish();
        othersOut.finish();
        quietOut.finish();
        return chunks;
    }

    private void compact() {
        List<Chunk> merged = new ArrayList<>();
        RecordWriter<RuntimeException> out = new RecordWriter<>(merged::add);
        new RecordMerge(runs).forEach(out::write);
        out.finish();
        runs.clear();
        runs.add(merged);
    }
}
