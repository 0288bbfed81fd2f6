package io.darkscope.analysis.scan;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts scans from the records of consecutive days, as {@code DosQueries} cuts attacks: a
 * (source, code) key's buckets, its signatures merged, in time order; a scan ends where more than
 * the idle timeout passes between two packets (the last second of one bucket and the first of the
 * next; never inside a bucket, which is shorter). A scan whose last packet is within the timeout
 * of midnight waits for the next day, if one follows, so that a scan past midnight is one. Keys with
 * fewer packets than a scan must have are passed over unless they may carry into or out of a day.
 */
final class ScanCutter {
    /** Receives each scan once it is complete. */
    interface Sink {
        void scan(Segment scan);
    }

    /** A scan being cut: times in epoch seconds, destinations unsorted until complete. */
    static final class Segment {
        int source;
        int code;
        long first;
        long last;
        long packets;
        long bytes;
        int[] destinations = new int[4];
        int destinationCount;
        final List<long[]> signatures = new ArrayList<>();

        void add(long bucketStart, ScanRecord r) {
            first = packets == 0 ? bucketStart + r.first : Math.min(first, bucketStart + r.first);
            last = Math.max(last, bucketStart + r.last);
            packets += r.packets;
            bytes += r.bytes;
            if (destinationCount + r.destinationCount > destinations.length) {
                destinations = Arrays.copyOf(destinations, Math.max(destinations.length * 2, destinationCount + r.destinationCount));
            }
            System.arraycopy(r.destinations, 0, destinations, destinationCount, r.destinationCount);
            destinationCount += r.destinationCount;
            if (r.sigFields != 0 || r.sigKinds != 0) {
                addSignature(r.sigFields, r.sigKinds);
            }
        }

        private void addSignature(long fields, long kinds) {
            for (long[] s : signatures) {
                if (s[0] == fields && s[1] == kinds) {
                    return;
                }
            }
            signatures.add(new long[] {fields, kinds});
        }

        /** Sorts the destinations and drops repeats; returns the distinct /24s. */
        long distinct() {
            for (int i = 0; i < destinationCount; i++) {
                destinations[i] ^= Integer.MIN_VALUE;
            }
            Arrays.sort(destinations, 0, destinationCount);
            int n = 0;
            long slash24s = 0;
            for (int i = 0; i < destinationCount; i++) {
                int d = destinations[i] ^ Integer.MIN_VALUE;
                if (n == 0 || destinations[n - 1] != d) {
                    slash24s += n == 0 || (destinations[n - 1] >>> 8) != (d >>> 8) ? 1 : 0;
                    destinations[n++] = d;
                }
            }
            destinationCount = n;
            return slash24s;
        }
    }

    private final long timeout;
    private final long minPackets;
    private final Sink sink;
    private Long2ObjectOpenHashMap<Segment> carried = new Long2ObjectOpenHashMap<>();
    private Long2ObjectOpenHashMap<Segment> carrying = new Long2ObjectOpenHashMap<>();
    private final List<ScanRecord> group = new ArrayList<>();
    private int groupSize;
    private boolean groupOutOfOrder;
    private long groupPackets;
    private long groupLastSecond; // within the day
    private long dayStart;
    private long dayEnd;
    private boolean nextDayFollows;

    ScanCutter(long timeoutSeconds, long minPackets, Sink sink) {
        this.timeout = timeoutSeconds;
        this.minPackets = minPackets;
        this.sink = sink;
    }

    /** Starts a day; without a day after it, no scan waits for one. */
    void startDay(long startEpochSecond, long endEpochSecond, boolean nextDayFollows) {
        dayStart = startEpochSecond;
        dayEnd = endEpochSecond;
        this.nextDayFollows = nextDayFollows;
    }

    /** Takes the day's next record (in record order). */
    void record(ScanRecord r) {
        if (groupSize > 0 && (group.get(0).source != r.source || group.get(0).code != r.code)) {
            flushGroup();
        }
        if (groupSize == group.size()) {
            group.add(new ScanRecord());
        }
        groupOutOfOrder |= groupSize > 0 && r.bucket < group.get(groupSize - 1).bucket;
        group.get(groupSize++).copyFrom(r);
        groupPackets += r.packets;
        groupLastSecond = Math.max(groupLastSecond, (long) r.bucket * ScanRecord.BUCKET_SECONDS + r.last);
    }

    /** Ends the day: scans that stopped before its last minutes are complete. */
    void endDay() {
        if (groupSize > 0) {
            flushGroup();
        }
        carried.values().forEach(sink::scan); // waited for this day and did not go on
        carried = carrying;
        carrying = new Long2ObjectOpenHashMap<>();
    }

    /** Ends the last day: every scan is complete. */
    void finish() {
        endDay();
        carried.values().forEach(sink::scan);
        carried.clear();
    }

    private void flushGroup() {
        ScanRecord head = group.get(0);
        long key = (head.source & 0xffffffffL) << 32 | head.code;
        long packets = groupPackets;
        long lastSecond = dayStart + groupLastSecond;
        int size = groupSize;
        boolean outOfOrder = groupOutOfOrder;
        groupSize = 0;
        groupPackets = 0;
        groupLastSecond = 0;
        groupOutOfOrder = false;
        Segment segment = carried.remove(key);
        if (segment == null && packets < minPackets && !mayGoOn(lastSecond)) {
            return;
        }
        List<ScanRecord> buckets = group.subList(0, size);
        if (outOfOrder) { // several signatures: back in time order
            buckets.sort(Comparator.comparingInt(r -> r.bucket));
        }
        for (ScanRecord r : buckets) {
            long bucketStart = dayStart + (long) r.bucket * ScanRecord.BUCKET_SECONDS;
            if (segment != null && bucketStart + r.first - segment.last > timeout) {
                sink.scan(segment);
                segment = null;
            }
            if (segment == null) {
                segment = new Segment();
                segment.source = r.source;
                segment.code = r.code;
            }
            segment.add(bucketStart, r);
        }
        if (mayGoOn(segment.last)) {
            carrying.put(key, segment);
        } else {
            sink.scan(segment);
        }
    }

    /** Whether a scan whose last packet came at {@code second} may go on in the next day. */
    private boolean mayGoOn(long second) {
        return nextDayFollows && second > dayEnd - timeout;
    }
}
