package io.darkscope.analysis.scan;

import java.util.List;

/**
 * Merges sorted runs of records into one, adding up the records of the same key and bucket: the
 * runs in a binary heap by their next record (a log of the runs' comparisons a record, not one
 * for every run), and each record handed on without a copy unless it is a sum.
 */
final class RecordMerge {
    private final RecordReader[] readers;
    private final ScanRecord[] heads;
    private final int[] heap;
    private int size;

    RecordMerge(List<List<Chunk>> runs) {
        this(runs.stream().map(RecordReader::new).toArray(RecordReader[]::new));
    }

    /** Merges the records of one range of sources ({@link RecordWriter#range}). */
    RecordMerge(List<List<Chunk>> runs, int range) {
        this(runs.stream().map(run -> new RecordReader(run, range)).toArray(RecordReader[]::new));
    }

    private RecordMerge(RecordReader[] readers) {
        int n = readers.length;
        this.readers = readers;
        heads = new ScanRecord[n];
        heap = new int[n];
        for (int i = 0; i < n; i++) {
            heads[i] = new ScanRecord();
            if (readers[i].next(heads[i])) {
                heap[size++] = i;
            }
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    /** Hands every merged record in order to {@code sink}, once. */
    <E extends Exception> void forEach(RecordSink<E> sink) throws E {
        ScanRecord spare = new ScanRecord();
        while (size > 1) {
            int top = heap[0];
            ScanRecord sum = heads[top];
            heads[top] = spare;
            advanceTop();
            while (size > 0 && ScanRecord.compare(heads[heap[0]], sum) == 0) { // a run holds each key and bucket once
                sum.add(heads[heap[0]]);
                advanceTop();
            }
            sink.record(sum);
            spare = sum;
        }
        if (size == 1) {
            int last = heap[0];
            do {
                sink.record(heads[last]);
            } while (readers[last].next(heads[last]));
        }
    }

    /** Moves the smallest run to its next record, or drops it at its end. */
    private void advanceTop() {
        int top = heap[0];
        if (!readers[top].next(heads[top])) {
            heap[0] = heap[--size];
        }
        siftDown(0);
    }

    private void siftDown(int i) {
        int run = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(heap[child + 1], heap[child])) {
                child++;
            }
            if (!less(heap[child], run)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = run;
    }

    private boolean less(int a, int b) {
        return ScanRecord.compare(heads[a], heads[b]) < 0;
    }
}
