package io.darkscope.analysis.fingerprint;

import io.darkscope.analysis.Accumulator;
import io.darkscope.analysis.BufferGrowth;
import io.darkscope.classify.TrafficClass;
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
 * One worker's fingerprint evidence. Each SYN scan adds one long to a buffer: its day (an index
 * into the days seen), source, IP ID and marks. A full buffer is radix-sorted, folded into one
 * summary per source and merged into the day's state: a few array writes per packet, and the
 * per-source work in address order rather than a hash probe per packet.
 */
final class FingerprintAccumulator implements Accumulator<FingerprintState> {
    private static final int MIRAI = 1;
    private static final int ZMAP = 2;
    private static final int MASSCAN = 4;
    private static final int ID_SHIFT = 3;
    private static final int SOURCE_SHIFT = 19;
    private static final int DAY_SHIFT = 51;
    private static final int MAX_DAYS = 1 << (57 - DAY_SHIFT);

    private final int limit;
    private long[] buffer;
    private int count;
    private final RadixSort sorter = new RadixSort();
    private final List<Day> days = new ArrayList<>();
    private final Map<Day, FingerprintState> states = new TreeMap<>();
    private Day currentDay;
    private long currentDayBits;

    /** @param limit longs the evidence buffer grows to */
    FingerprintAccumulator(int limit) {
        this.limit = limit;
        this.buffer = new long[BufferGrowth.initial(limit)];
    }

    @Override
    public void accept(PacketView p, PacketTags tags) {
        if (tags.trafficClass() != TrafficClass.SCAN || !p.isIpv4() || p.transportCaptured() < 20) {
            return;
        }
        if (tags.day() != currentDay) {
            switchTo(tags.day());
        }
        int kind = Fingerprint.mirai(p) ? MIRAI // seq = dst makes masscan's formula the port: no evidence for it
                : (Fingerprint.zmapIpId(p) ? ZMAP : 0) | (Fingerprint.masscanIpId(p) ? MASSCAN : 0);
        if (count == buffer.length) {
            growOrFold();
        }
        buffer[count++] = currentDayBits | (p.src4() & 0xffffffffL) << SOURCE_SHIFT | (long) p.ipId() << ID_SHIFT | kind;
    }

    private void growOrFold() {
        if (buffer.length < limit) {
            buffer = Arrays.copyOf(buffer, BufferGrowth.grown(buffer.length, limit));
        } else {
            fold();
        }
    }

    private void switchTo(Day day) {
        currentDay = day;
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

    /** Sorts the buffer and merges each day's run of it into that day's state. */
    private void fold() {
        sorter.sort(buffer, 0, count);
        int i = 0;
        while (i < count) {
            int dayIndex = (int) (buffer[i] >>> DAY_SHIFT);
            int end = i;
            while (end < count && (int) (buffer[end] >>> DAY_SHIFT) == dayIndex) {
                end++;
            }
            Day day = days.get(dayIndex);
            FingerprintState run = summarise(day, i, end);
            states.merge(day, run, FingerprintState::merge);
            i = end;
        }
        count = 0;
    }

    /** One summary per source of the sorted observations {@code [from, to)}. */
    private FingerprintState summarise(Day day, int from, int to) {
        FingerprintState run = new FingerprintState(day, sourcesIn(from, to));
        int i = from;
        while (i < to) {
            int source = (int) (buffer[i] >>> SOURCE_SHIFT);
            int mirai = 0;
            int lowId = 0xffff;
            int highId = 0;
            int syns = 0;
            int zmap = 0;
            int masscan = 0;
            for (; i < to && (int) (buffer[i] >>> SOURCE_SHIFT) == source; i++) {
                long v = buffer[i];
                int id = (int) (v >>> ID_SHIFT) & 0xffff;
                if ((v & MIRAI) != 0) {
                    mirai++;
                    lowId = Math.min(lowId, id);
                    highId = Math.max(highId, id);
                } else {
                    syns++;
                    zmap += (int) (v >>> 1) & 1;
                    masscan += (int) (v >>> 2) & 1;
                }
            }
            run.append(source, mirai, mirai == 0 ? 0 : lowId << 16 | highId, syns, zmap, masscan);
        }
        return run;
    }

    private int sourcesIn(int from, int to) {
        int n = 0;
        int last = 0;
        for (int i = from; i < to; i++) {
            int source = (int) (buffer[i] >>> SOURCE_SHIFT);
            if (i == from || source != last) {
                n++;
                last = source;
            }
        }
        return n;
    }

    @Override
    public Map<Day, FingerprintState> drain() {
        fold();
        buffer = new long[BufferGrowth.initial(limit)]; // as the traffic accumulator's: the commit needs the room
        sorter.replaceScratch(new long[0]);
        Map<Day, FingerprintState> result = new TreeMap<>(states);
        states.clear();
        days.clear();
        currentDay = null;
        return result;
    }
}
