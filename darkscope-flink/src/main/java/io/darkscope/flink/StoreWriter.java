package io.darkscope.flink;

import io.darkscope.analysis.DayStates;
import io.darkscope.pipeline.Day;
import io.darkscope.store.Provenance;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers the parts that arrive between two checkpoints into one {@link StoreCommit}: the states
 * from Kafka merged day by day (with each partition's offsets joined), a capture's part kept
 * whole. The watermark says which days the commit closes; a checkpoint without parts still
 * commits if the watermark has moved on, so that the days it passed close (the end of a topic
 * read to its end closes them all, whether or not its last packets came in the same checkpoint).
 */
final class StoreWriter implements CommittingSinkWriter<byte[], StoreCommit> {
    private final long latenessMillis;
    private final Map<Day, DayStates> days = new TreeMap<>();
    private final Map<Integer, long[]> offsets = new TreeMap<>();
    private final List<Part> files = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;
    private long closedCommitted = Long.MIN_VALUE;

    StoreWriter(Duration lateness) {
        this.latenessMillis = lateness.toMillis();
    }

    @Override
    public void write(byte[] element, Context context) {
        Part part = Part.fromBytes(element);
        if (part.file() != null) {
            files.add(part);
            return;
        }
        part.days().forEach(d -> days.merge(d.day(), d, DayStates::merge));
        for (Provenance.OffsetRange r : part.offsets()) {
            offsets.merge(r.partition(), new long[] {r.from(), r.to()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
    }

    @Override
    public void writeWatermark(Watermark mark) {
        watermark = mark.getTimestamp();
    }

    @Override
    public void flush(boolean endOfInput) {
    }

    @Override
    public Collection<StoreCommit> prepareCommit() {
        List<Part> parts = new ArrayList<>(files);
        if (!days.isEmpty() || !offsets.isEmpty()) {
            List<Provenance.OffsetRange> ranges = new ArrayList<>();
            offsets.forEach((p, r) -> ranges.add(new Provenance.OffsetRange(p, r[0], r[1])));
            parts.add(new Part(new ArrayList<>(days.values()), ranges, null));
        }
        files.clear();
        days.clear();
        offsets.clear();
        long closed = closedBefore();
        if (parts.isEmpty() && closed <= closedCommitted) {
            return List.of();
        }
        closedCommitted = closed;
        if (parts.isEmpty()) {
            parts.add(new Part(List.of(), List.of(), null)); // no packets, no offsets: it only closes days
        }
        return List.of(new StoreCommit(closed, parts));
    }

    /** Days that end this much before the watermark take no more packets: the pipelines drop them. */
    private long closedBefore() {
        if (watermark == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return watermark < Long.MIN_VALUE + latenessMillis ? Long.MIN_VALUE : Math.floorDiv(watermark - latenessMillis, 1000L);
    }

    @Override
    public void close() {
    }
}
