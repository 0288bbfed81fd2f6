package io.darkscope.analysis.traffic;

import io.darkscope.classify.TrafficClass;
import io.darkscope.decode.PacketView;
import io.darkscope.pipeline.Day;
import io.darkscope.sets.Ipv6Set;
import io.darkscope.sets.RadixSort;
import io.darkscope.sets.SourceSet;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * One worker's statistics of one day while packets arrive. Each IPv4 packet adds one (key,
 * source) pair to a flat long buffer, its key the {@link TrafficKey} of its port with its
 * traffic class above it. When the buffer fills, the new pairs are radix-sorted and merged with
 * the distinct pairs kept from before. When distinct pairs fill half of it, the keys with many
 * sources move into their bitmaps and the many keys with few sources stay as pairs, the more
 * compact form for them. At the end a port's sources are the union of its classes' sets, and a
 * protocol's and a class's the union of their keys'. The per-packet cost is a few array writes;
 * the set work is proportional to distinct pairs, not packets.
 */
final class DayTrafficBuilder {
    /** Marks a pair whose packet is already counted in {@link #keyPackets}. */
    private static final long COUNTED = Long.MIN_VALUE;
    /** A key with at least this many distinct sources in the buffer moves to its set when the buffer is half full. */
    private static final int BIG_RUN = 256;
    /** Where the traffic class sits above a port's key in a pair's key. */
    private static final int CLASS_SHIFT = 25;
    private static final int PORT_KEY = (1 << CLASS_SHIFT) - 1;

    private final Day day;
    private final long[] packets = new long[256];
    private final long[] bytes = new long[256];
    private final long[] slotPackets;
    private final long[] classPackets = new long[TrafficClass.values().length];
    private long ipv6Packets;
    /** Packets per (class, port) key. */
    private final Int2LongOpenHashMap keyPackets = new Int2LongOpenHashMap();
    private final Int2ObjectOpenHashMap<RoaringBitmap> ipv4Sources = new Int2ObjectOpenHashMap<>();
    private final Int2ObjectOpenHashMap<Ipv6Set> ipv6Sources = new Int2ObjectOpenHashMap<>();
    private long[] pairs;
    private int pairCount;
    /** Pairs at the start of the buffer that are sorted, distinct and counted. */
    private int sortedCount;

    DayTrafficBuilder(Day day) {
        this.day = day;
        this.slotPackets = new long[day.slots() * 4];
    }

    boolean hasBuffer() {
        return pairs != null;
    }

    void giveBuffer(long[] buffer) {
        pairs = buffer;
        pairCount = 0;
        sortedCount = 0;
    }

    /** Moves every buffered pair into the source sets and hands the buffer back. */
    long[] takeBuffer(RadixSort sorter, RoaringBitmapWriter<RoaringBitmap> writer) {
        compact(sorter, writer, true);
        long[] buffer = pairs;
        pairs = null;
        return buffer;
    }

    void add(PacketView p, TrafficClass trafficClass, RadixSort sorter, RoaringBitmapWriter<RoaringBitmap> writer) {
        int protocol = p.protocol();
        packets[protocol]++;
        bytes[protocol] += p.ipLength();
        slotPackets[day.slot(p.epochSecond()) * 4 + ProtocolClass.of(protocol).ordinal()]++;
        classPackets[trafficClass.ordinal()]++;
        int key = trafficClass.ordinal() << CLASS_SHIFT | TrafficKey.of(protocol, p.dstPort());
        if (p.isIpv4()) {
            if (pairCount == pairs.length) {
                compact(sorter, writer, false);
            }
            pairs[pairCount++] = (long) key << 32 | (p.src4() & 0xffffffffL);
        } else {
            ipv6Packets++;
            keyPackets.addTo(key, 1);
            ipv6Sources.computeIfAbsent(key, k -> new Ipv6Set()).add(p.srcHi(), p.srcLo());
        }
    }

    /**
     * Sorts the pairs added since the last compaction, merges them with the sorted, distinct
     * pairs kept from before, drops duplicates and counts each key's new packets. Then, if
     * distinct pairs fill half the buffer, big keys move to their sets; if that is not enough,
     * or on {@code all}, every key does and the buffer empties.
     */
    private void compact(RadixSort sorter, RoaringBitmapWriter<RoaringBitmap> writer, boolean all) {
        sorter.sort(pairs, sortedCount, pairCount);
        long[] out = sorter.scratch(pairs.length);
        int distinct = 0;
        int i = 0;
        int j = sortedCount;
        int key = -1;
        long fresh = 0;
        long last = -1;
        while (i < sortedCount || j < pairCount) {
            long v = j == pairCount || (i < sortedCount && (pairs[i] & RadixSort.SORT_MASK) <= (pairs[j] & RadixSort.SORT_MASK))
                    ? pairs[i++] : pairs[j++];
            long pair = v & RadixSort.SORT_MASK;
            int k = (int) (pair >>> 32);
            if (k != key) {
                countFresh(key, fresh);
                key = k;
                fresh = 0;
            }
            if (v >= 0) {
                fresh++;
            }
            if (pair != last) {
                out[distinct++] = pair | COUNTED;
                last = pair;
            }
        }
        countFresh(key, fresh);
        sorter.replaceScratch(pairs);
        pairs = out;
        pairCount = distinct;
        sortedCount = distinct;
        if (!all && distinct > pairs.length / 2) {
            moveBigKeys(writer);
        }
        if (all || pairCount > pairs.length / 2) {
            moveAll(writer);
        }
    }

    private void countFresh(int key, long fresh) {
        if (fresh > 0) {
            keyPackets.addTo(key, fresh);
        }
    }

    private static int keyOf(long pair) {
        return (int) ((pair & RadixSort.SORT_MASK) >>> 32);
    }

    private int runEnd(int start) {
        int key = keyOf(pairs[start]);
        int end = start;
        while (end < pairCount && keyOf(pairs[end]) == key) {
            end++;
        }
        return end;
    }

    /** Moves keys with many buffered sources into their sets; keeps the rest, compacted. */
    private void moveBigKeys(RoaringBitmapWriter<RoaringBitmap> writer) {
        int kept = 0;
        int i = 0;
        while (i < pairCount) {
            int end = runEnd(i);
            if (end - i >= BIG_RUN) {
                addToKey(keyOf(pairs[i]), writer, i, end);
            } else {
                System.arraycopy(pairs, i, pairs, kept, end - i);
                kept += end - i;
            }
            i = end;
        }
        pairCount = kept;
        sortedCount = kept;
    }

    /** Moves every buffered pair into its key's set; the buffer empties. */
    private void moveAll(RoaringBitmapWriter<RoaringBitmap> writer) {
        int i = 0;
        while (i < pairCount) {
            int end = runEnd(i);
            addToKey(keyOf(pairs[i]), writer, i, end);
            i = end;
        }
        pairCount = 0;
        sortedCount = 0;
    }

    /** Adds a sorted run of one key's sources to the key's bitmap. */
    private void addToKey(int key, RoaringBitmapWriter<RoaringBitmap> writer, int from, int to) {
        for (int i = from; i < to; i++) {
            writer.add((int) pairs[i]);
        }
        RoaringBitmap run = writer.get();
        writer.reset();
        RoaringBitmap before = ipv4Sources.putIfAbsent(key, run);
        if (before != null) {
            before.or(run);
        }
    }

    /** The day's result; the builder must not be used afterwards. */
    DayTraffic finish(RadixSort sorter, RoaringBitmapWriter<RoaringBitmap> writer) {
        if (pairs != null) {
            compact(sorter, writer, true);
        }
        Int2ObjectMap<Sets> ports = new Int2ObjectOpenHashMap<>();
        Sets[] protocols = new Sets[256];
        Sets[] classes = new Sets[classPackets.length];
        for (Int2LongOpenHashMap.Entry e : keyPackets.int2LongEntrySet()) {
            int key = e.getIntKey();
            int portKey = key & PORT_KEY;
            RoaringBitmap v4 = ipv4Sources.get(key);
            Ipv6Set v6 = ipv6Sources.get(key);
            ports.computeIfAbsent(portKey, k -> new Sets()).add(e.getLongValue(), v4, v6);
            int protocol = TrafficKey.protocol(portKey);
            (protocols[protocol] == null ? protocols[protocol] = new Sets() : protocols[protocol]).add(0, v4, v6);
            int c = key >>> CLASS_SHIFT;
            (classes[c] == null ? classes[c] = new Sets() : classes[c]).add(0, v4, v6);
        }
        Int2ObjectMap<KeyTraffic> keys = new Int2ObjectOpenHashMap<>(ports.size());
        ports.forEach((key, sets) -> keys.put((int) key, new KeyTraffic(sets.packets, sets.union())));
        SourceSet[] protocolSources = new SourceSet[256];
        Sets all = new Sets();
        for (int protocol = 0; protocol < 256; protocol++) {
            if (protocols[protocol] != null) {
                protocolSources[protocol] = protocols[protocol].union();
                all.add(0, protocols[protocol].joined(), protocols[protocol].ipv6);
            }
        }
        SourceSet[] classSources = new SourceSet[classPackets.length];
        for (int c = 0; c < classSources.length; c++) {
            classSources[c] = classes[c] == null ? SourceSet.EMPTY : classes[c].union();
        }
        return new DayTraffic(day, packets, bytes, ipv6Packets, slotPackets, keys, protocolSources, all.union(), classPackets,
                classSources);
    }

    /** Packets and the sets of some keys, to be joined into one set. */
    private static final class Sets {
        long packets;
        final List<RoaringBitmap> ipv4 = new ArrayList<>();
        final Ipv6Set ipv6 = new Ipv6Set();

        void add(long n, RoaringBitmap v4, Ipv6Set v6) {
            packets += n;
            if (v4 != null) {
                ipv4.add(v4);
            }
            if (v6 != null) {
                ipv6.or(v6);
            }
        }

        private RoaringBitmap joined;

        /** The union of the IPv4 sets, computed once. */
        RoaringBitmap joined() {
            if (joined == null) {
                joined = ipv4.size() == 1 ? ipv4.get(0).clone() : FastAggregation.or(ipv4.iterator());
            }
            return joined;
        }

        SourceSet union() {
            return SourceSet.of(joined(), ipv6);
        }
    }
}
