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
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * One worker's statistics of one day while packets arrive. Each IPv4 packet adds three
 * (key, source) pairs to a flat long buffer: its port's key, its protocol's and its traffic
 * class's (see {@link TrafficKey}). When the buffer fills, the new pairs are radix-sorted and merged
 * with the distinct pairs kept from before. When distinct pairs fill half of it, the keys with
 * many sources move into their source sets and the many keys with few sources stay as pairs,
 * which is the more compact form for them. The per-packet cost is a few array writes; the set
 * work is proportional to distinct pairs, not packets.
 */
final class DayTrafficBuilder {
    /** Marks a pair whose packet is already counted in {@link #keyPackets}. */
    private static final long COUNTED = Long.MIN_VALUE;
    /** A key with at least this many distinct sources in the buffer moves to its set when the buffer is half full. */
    private static final int BIG_RUN = 256;

    private final Day day;
    private final long[] packets = new long[256];
    private final long[] bytes = new long[256];
    private final long[] slotPackets;
    private final long[] classPackets = new long[TrafficClass.values().length];
    private long ipv6Packets;
    private final Int2LongOpenHashMap keyPackets = new Int2LongOpenHashMap();
    private final Int2ObjectOpenHashMap<SourceSet> ipv4Sources = new Int2ObjectOpenHashMap<>();
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
        int slot = day.slot(p.epochSecond());
        slotPackets[slot * 4 + ProtocolClass.of(protocol).ordinal()]++;
        int key = TrafficKey.of(protocol, p.dstPort());
        classPackets[trafficClass.ordinal()]++;
        int classKey = TrafficKey.ofClass(trafficClass);
        if (p.isIpv4()) {
            if (pairCount + 3 > pairs.length) {
                compact(sorter, writer, false);
            }
            long source = p.src4() & 0xffffffffL;
            pairs[pairCount] = ((long) key << 32) | source;
            pairs[pairCount + 1] = ((long) TrafficKey.ofProtocol(protocol) << 32) | source;
            pairs[pairCount + 2] = ((long) classKey << 32) | source;
            pairCount += 3;
        } else {
            ipv6Packets++;
            keyPackets.addTo(key, 1);
            addIpv6(key, p);
            addIpv6(TrafficKey.ofProtocol(protocol), p);
            addIpv6(classKey, p);
        }
    }

    private void addIpv6(int key, PacketView p) {
        ipv6Sources.computeIfAbsent(key, k -> new Ipv6Set()).add(p.srcHi(), p.srcLo());
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
                addToKey(keyOf(pairs[i]), build(writer, i, end));
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
            addToKey(keyOf(pairs[i]), build(writer, i, end));
            i = end;
        }
        pairCount = 0;
        sortedCount = 0;
    }

    private RoaringBitmap build(RoaringBitmapWriter<RoaringBitmap> writer, int from, int to) {
        for (int i = from; i < to; i++) {
            writer.add((int) pairs[i]);
        }
        RoaringBitmap bitmap = writer.get();
        writer.reset();
        return bitmap;
    }

    /** Adds a run of sources (a bitmap this builder owns) to what the key had. */
    private void addToKey(int key, RoaringBitmap sources) {
        SourceSet before = ipv4Sources.get(key);
        if (before != null) {
            sources.or(before.ipv4Bitmap());
        }
        ipv4Sources.put(key, SourceSet.of(sources, Ipv6Set.EMPTY));
    }

    /** The day's result; the builder must not be used afterwards. */
    DayTraffic finish(RadixSort sorter, RoaringBitmapWriter<RoaringBitmap> writer) {
        if (pairs != null) {
            compact(sorter, writer, true);
        }
        Int2ObjectMap<KeyTraffic> keys = new Int2ObjectOpenHashMap<>(keyPackets.size());
        for (Int2LongOpenHashMap.Entry e : keyPackets.int2LongEntrySet()) {
            if (TrafficKey.isPort(e.getIntKey())) {
                keys.put(e.getIntKey(), new KeyTraffic(e.getLongValue(), sourcesOf(e.getIntKey())));
            }
        }
        SourceSet[] protocolSources = new SourceSet[256];
        List<SourceSet> all = new ArrayList<>();
        for (int protocol = 0; protocol < 256; protocol++) {
            if (packets[protocol] > 0) {
                protocolSources[protocol] = sourcesOf(TrafficKey.ofProtocol(protocol));
                all.add(protocolSources[protocol]);
            }
        }
        SourceSet[] classSources = new SourceSet[classPackets.length];
        for (TrafficClass c : TrafficClass.values()) {
            classSources[c.ordinal()] = sourcesOf(TrafficKey.ofClass(c));
        }
        return new DayTraffic(day, packets, bytes, ipv6Packets, slotPackets, keys, protocolSources,
                SourceSet.union(all), classPackets, classSources);
    }

    private SourceSet sourcesOf(int key) {
        SourceSet sources = ipv4Sources.getOrDefault(key, SourceSet.EMPTY);
        Ipv6Set v6 = ipv6Sources.get(key);
        return v6 == null ? sources : SourceSet.of(sources.ipv4Bitmap(), v6);
    }
}
