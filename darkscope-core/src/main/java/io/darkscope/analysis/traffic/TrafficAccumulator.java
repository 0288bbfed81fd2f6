package io.darkscope.analysis.traffic;

import io.darkscope.analysis.Accumulator;
import io.darkscope.analysis.BufferGrowth;
import io.darkscope.decode.PacketView;
import io.darkscope.pipeline.Day;
import io.darkscope.pipeline.PacketTags;
import io.darkscope.sets.RadixSort;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One worker's traffic statistics, per day, for the packets it has been given since the last
 * {@link #drain}. Every IPv4 packet writes one long into one buffer: its day (an index into the
 * days seen), its key, its source and its class ({@link DayTrafficBuilder#entry}). A full buffer is radix-sorted and each day's run of it goes
 * to that day's builder, so the per-packet cost is a few array writes, and the set work is done
 * in address order a buffer at a time.
 */
final class TrafficAccumulator implements Accumulator<DayTraffic> {
    private static final int DAY_SHIFT = DayTrafficBuilder.ENTRY_BITS;
    /** Days a buffer may hold at once: the index's bits above a pair. */
    private static final int MAX_DAYS = 1 << (63 - DAY_SHIFT);

    private final int limit;
    private long[] buffer;
    private int count;
    private final RadixSort sorter = new RadixSort();
    private final List<Day> days = new ArrayList<>();
    private final Map<Day, DayTrafficBuilder> builders = new TreeMap<>();
    private Day currentDay;
    private DayTrafficBuilder current;
    private long currentDayBits;

    /** @param limit longs the buffer grows to (one a packet; the sort needs as much again) */
    TrafficAccumulator(int limit) {
        this.limit = limit;
        this.buffer = new long[BufferGrowth.initial(limit)];
    }

    @Override
    public void accept(PacketView packet, PacketTags tags) {
        if (tags.day() != currentDay) {
            switchTo(tags.day());
        }
        int key = TrafficKey.of(packet.protocol(), packet.dstPort());
        current.count(packet, tags.trafficClass(), key);
        if (packet.isIpv4()) {
            if (count == buffer.length) {
                growOrFold();
            }
            buffer[count++] = currentDayBits | DayTrafficBuilder.entry(key, packet.src4(), tags.trafficClass());
        }
    }

    private void growOrFold() {
        if (buffer.length < limit) {
            buffer = Arrays.copyOf(buffer, BufferGrowth.grown(buffer.length, limit));
        } else {
            fold();
        }
    }

    /** Back to the first size: the next packets may be a minute away (a sensor) or never come, and the commit needs the room. */
    private void releaseBuffers() {
        buffer = new long[BufferGrowth.initial(limit)];
        sorter.replaceScratch(new long[0]);
    }

    private void switchTo(Day day) {
        currentDay = day;
        current = builders.computeIfAbsent(day, DayTrafficBuilder::new);
        int index = days.indexOf(day);
        if (index < 0) {
            if (days.size() == MAX_DAYS) {
                fold();
                days.clear();
            }
            days.add(day);
            index = days.size() - 1;
        }
        currentDayBits = (long) index << DAY_SHIFT;
    }

    /** Sorts the buffer and hands each day's run of it to that day's builder. */
    private void fold() {
        sorter.sort(buffer, 0, count);
        int i = 0;
        while (i < count) {
            int dayIndex = (int) (buffer[i] >>> DAY_SHIFT);
            int end = i;
            while (end < count && (int) (buffer[end] >>> DAY_SHIFT) == dayIndex) {
                end++;
            }
            builders.get(days.get(dayIndex)).addSorted(buffer, i, end);
            i = end;
        }
        count = 0;
    }

    /** The statistics of every day seen since the last call; the accumulator starts afresh. */
    @Override
    public Map<Day, DayTraffic> drain() {
        fold();
        releaseBuffers();
        Map<Day, DayTraffic> result = new TreeMap<>();
        builders.forEach((day, builder) -> result.put(day, builder.finish()));
        builders.clear();
        days.clear();
        currentDay = null;
        current = null;
        return result;
    }
}
