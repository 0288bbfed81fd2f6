package io.darkscope.aggregate;

import io.darkscope.classify.TrafficClass;
import io.darkscope.decode.PacketView;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One thread's traffic statistics, per day, for the packets it has been given since the last
 * {@link #finish}. A few recently used days hold a pair buffer; a capture that wanders over
 * many days keeps memory bounded because colder days give theirs up.
 */
public final class TrafficAccumulator {
    /** Days that may hold a pair buffer at once. */
    private static final int HOT_DAYS = 4;

    private final int bufferPairs;
    private final Map<LocalDate, DayTrafficBuilder> days = new HashMap<>();
    private final ArrayDeque<DayTrafficBuilder> hot = new ArrayDeque<>();
    private final ArrayDeque<long[]> spareBuffers = new ArrayDeque<>();
    private final PairSort sorter = new PairSort();
    private final RoaringBitmapWriter<RoaringBitmap> writer = RoaringBitmapWriter.writer().optimiseForArrays().runCompress(false).get();
    private DayTrafficBuilder current;
    private LocalDate currentDate;

    /** @param bufferPairs size of each hot day's pair buffer (8 bytes a pair) */
    public TrafficAccumulator(int bufferPairs) {
        this.bufferPairs = bufferPairs;
    }

    /** Counts a darknet packet, of the given class, that falls in the day {@code clock} is on. */
    public void accept(PacketView packet, DayClock clock, TrafficClass trafficClass) {
        if (clock.date() != currentDate) {
            switchTo(clock);
        }
        current.add(packet, trafficClass, sorter, writer);
    }

    private void switchTo(DayClock clock) {
        currentDate = clock.date();
        current = days.computeIfAbsent(currentDate, d -> new DayTrafficBuilder(d, clock.startEpochSecond(), clock.slots()));
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
    public List<DayTraffic> finish() {
        hot.clear();
        List<DayTraffic> result = new ArrayList<>(days.size());
        for (DayTrafficBuilder day : days.values()) {
            result.add(day.finish(sorter, writer));
        }
        days.clear();
        spareBuffers.clear();
        sorter.replaceScratch(new long[0]);
        current = null;
        currentDate = null;
        return result;
    }
}
