package io.darkscope.analysis.scan;

import io.darkscope.pipeline.Day;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a day's records, in order, between two sinks by (source, code) key: the quiet keys, which
 * cannot be part of a scan of {@value #PACKETS} destinations or more cut with an idle timeout of
 * at most {@value #EDGE_SECONDS} s, and the others. A quiet key has fewer than {@value #PACKETS}
 * packets in the day and none within {@value #EDGE_SECONDS} s of either midnight, so it neither
 * carries a scan over from the day before nor into the day after. On the worst day of the year
 * (2M sources, each probing a few ports a few times) nearly every key is quiet, and a query for
 * scans reads only the rest.
 */
final class QuietKeys<E extends Exception> implements RecordSink<E> {
    /** A quiet key has fewer packets than this, the scans' default fewest destinations. */
    static final int PACKETS = 10;
    /**
     * The longest idle timeout for which a day may be read without its quiet keys: twice ORION's,
     * so that few keys of a day are near enough to midnight not to be quiet.
     */
    static final int EDGE_SECONDS = 1200;

    private final long lastQuietSecond;
    private final RecordSink<E> others;
    private final RecordSink<E> quiet;
    private final List<ScanRecord> group = new ArrayList<>();
    private int size;

    QuietKeys(Day day, RecordSink<E> others, RecordSink<E> quiet) {
        this.lastQuietSecond = day.endEpochSecond() - day.startEpochSecond() - EDGE_SECONDS;
        this.others = others;
        this.quiet = quiet;
    }

    @Override
    public void record(ScanRecord r) throws E {
        if (size > 0 && (group.get(0).source != r.source || group.get(0).code != r.code)) {
            flush();
        }
        if (size == group.size()) {
            group.add(new ScanRecord());
        }
        group.get(size++).copyFrom(r);
    }

    /** Hands over the last key. */
    void finish() throws E {
        if (size > 0) {
            flush();
        }
    }

    private void flush() throws E {
        RecordSink<E> sink = isQuiet() ? quiet : others;
        for (int i = 0; i < size; i++) {
            sink.record(group.get(i));
        }
        size = 0;
    }

    private boolean isQuiet() {
        long packets = 0;
        for (int i = 0; i < size; i++) {
            ScanRecord r = group.get(i);
            long start = (long) r.bucket * ScanRecord.BUCKET_SECONDS;
            if (start + r.first < EDGE_SECONDS || start + r.last >= lastQuietSecond) {
                return false;
            }
            packets += r.packets;
        }
        return packets < PACKETS;
    }
}
