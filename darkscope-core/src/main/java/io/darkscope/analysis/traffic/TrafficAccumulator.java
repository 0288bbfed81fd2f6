package io.darkscope.analysis.traffic;

import io.darkscope.analysis.Accumulator;
import io.darkscope.decode.PacketView;
import io.darkscope.pipeline.Day;
import io.darkscope.pipeline.PacketTags;
import io.darkscope.sets.RadixSort;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One worker's traffic statistics, per day, for the packets it has been given since the last
 * {@link #drain}. A few recently used days hold a pair buffer; a capture that wanders over
 * many days keeps memory bounded because colder days give theirs up.
 */
final class TrafficAccumulator implements Accumulator<DayTraffic> {
    /** Days that may hold a pair buffer at once. */
    private static final int HOT_DAYS = 4;

    private final int bufferPairs;
    private final Map<Day, DayTrafficBuilder> days = new HashMap<>();
    private final ArrayDeque<DayTrafficBuilder> hot = new ArrayDeque<>();
    private final ArrayDeque<long[]> spareBuffers = new ArrayDeque<>();
    private final RadixSort sorter = new RadixSort();
    private final RoaringBitmapWriter<RoaringBitmap> writer = RoaringBitmapWriter.writer().optimiseForArrays().runCompress(false).get();
    private DayTrafficBuilder current;
    private Day currentDay;

    /** @param bufferPairs size of each hot day's pair buffer (8 bytes a pair) */
    TrafficAccumulator(int bufferPairs) {
        this.bufferPairs = bufferPairs;
    }

    @Override
    public void accept(PacketView packet, PacketTags tags) {
        if (tags.day() != currentDay) {
            switchTo(tags.day());
        }
        current.add(packet, tags.trafficClass(), sorter, writer);
    }

    private void switchTo(Day day) {
        currentDay = day;
        current = days.computeIfAbsent(day, DayTrafficBuilder::new);
        if (current.hasBuffer()) {
            hot.remove(current);
        } else {
            if (hot.size() == HOT_DAYS) {
                spareBuffers.push(hot.removeLast().takeBuffer(sorter, writer));
            }
            current.giveBuffer(spareBuffers.isEmpty() ? new long[bufferPairs] : spareBuffers.pop());
        }
        hot.addFirst(current);
    }

    /**
     * The statistics of every day seen since the last call; the accumulator starts afresh and
     * lets go of its buffers, so that a commit has the memory.
     */
    @Override
    public Map<Day, DayTraffic> drain() {
        hot.clear();
        Map<Day, DayTraffic> result = new TreeMap<>();
        for (DayTrafficBuilder day : days.values()) {
            DayTraffic finished = day.finish(sorter, writer);
            result.put(finished.day(), finished);
        }
        days.clear();
        spareBuffers.clear();
        sorter.replaceScratch(new long[0]);
        current = null;
        currentDay = null;
        return result;
    }
}
