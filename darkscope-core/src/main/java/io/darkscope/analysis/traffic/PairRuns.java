package io.darkscope.analysis.traffic;

import io.darkscope.analysis.ByteOutput;

import java.util.ArrayList;
import java.util.List;

/**
 * The distinct (key, source) pairs of one day, as sorted runs: each run is the distinct pairs of
 * one buffer of packets, delta-encoded as varints (a few bytes a pair). Runs are merged, their
 * duplicates dropped, when they become too many, and once more at the end, when the pairs come
 * out in order, key by key. Nothing is rewritten per packet and no set is built twice.
 */
final class PairRuns {
    /** Runs kept before they are merged into one. */
    private static final int MAX_RUNS = 8;

    private final List<byte[]> runs = new ArrayList<>();

    /** Receives the merged pairs in ascending order, each once. */
    interface PairSink {
        void pair(long pair);
    }

    /** Adds the distinct pairs {@code sorted[from, to)} (ascending, no duplicates) as a run. */
    void add(long[] sorted, int from, int to) {
        ByteOutput out = new ByteOutput((to - from) * 3);
        long previous = -1;
        for (int i = from; i < to; i++) {
            out.writeVarint(sorted[i] - previous);
            previous = sorted[i];
        }
        runs.add(out.toByteArray());
        if (runs.size() > MAX_RUNS) {
            ByteOutput merged = new ByteOutput(runs.stream().mapToInt(r -> r.length).max().orElse(0) * 2);
            long[] last = {-1};
            merge(pair -> {
                merged.writeVarint(pair - last[0]);
                last[0] = pair;
            });
            runs.clear();
            runs.add(merged.toByteArray());
        }
    }

    /** Every distinct pair of every run, in ascending order. */
    void merge(PairSink sink) {
        Cursor[] cursors = new Cursor[runs.size()];
        int live = 0;
        for (byte[] run : runs) {
            Cursor c = new Cursor(run);
            if (c.advance()) {
                cursors[live++] = c;
            }
        }
        long last = -1;
        while (live > 0) { // few runs: a linear scan for the smallest beats a heap
            int min = 0;
            for (int i = 1; i < live; i++) {
                if (cursors[i].value < cursors[min].value) {
                    min = i;
                }
            }
            long value = cursors[min].value;
            if (value != last) {
                sink.pair(value);
                last = value;
            }
            if (!cursors[min].advance()) {
                cursors[min] = cursors[--live];
            }
        }
    }

    /** Reads a run's pairs back. */
    private static final class Cursor {
        private final byte[] bytes;
        private int position;
        long value = -1;

        Cursor(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean advance() {
            if (position == bytes.length) {
                return false;
            }
            long delta = 0;
            for (int shift = 0; ; shift += 7) {
                int b = bytes[position++];
                delta |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    break;
                }
            }
            value += delta;
            return true;
        }
    }
}
