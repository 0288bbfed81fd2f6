package io.darkscope.analysis.traffic;

import io.darkscope.classify.TrafficClass;
import io.darkscope.decode.PacketView;
import io.darkscope.pipeline.Day;
import io.darkscope.sets.Ipv6Set;
import io.darkscope.sets.SourceSet;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * One worker's statistics of one day while packets arrive: counters, and the (key, source)
 * pairs the accumulator sorts and hands over a buffer at a time. Each IPv4 packet makes two
 * pairs: its port's {@link TrafficKey}, and its (traffic class, protocol) group. The distinct
 * pairs wait as compact sorted runs; at the end they come out in order, and each key's sources
 * go straight into its bitmap. A protocol's sources are the union of its classes' groups, a
 * class's the union of its protocols': unions of a few sets, never of tens of thousands of ports.
 */
final class DayTrafficBuilder {
    /** Marks a group key, its class in bits 8-9 and its protocol in bits 0-7; port keys are below. */
    static final int GROUP = 1 << 25;

    private final Day day;
    private final long[] packets = new long[256];
    private final long[] bytes = new long[256];
    private final long[] slotPackets;
    private final long[] classPackets = new long[TrafficClass.values().length];
    private long ipv6Packets;
    /** Packets per port key. */
    private final Int2LongOpenHashMap keyPackets = new Int2LongOpenHashMap();
    private final Int2ObjectOpenHashMap<Ipv6Set> ipv6Sources = new Int2ObjectOpenHashMap<>();
    private final PairRuns runs = new PairRuns();

    DayTrafficBuilder(Day day) {
        this.day = day;
        this.slotPackets = new long[day.slots() * 4];
    }

    static int group(TrafficClass trafficClass, int protocol) {
        return GROUP | trafficClass.ordinal() << 8 | protocol;
    }

    /** Counts a packet; an IPv6 one's sources too (an IPv4 packet's pairs are the accumulator's to buffer). */
    void count(PacketView p, TrafficClass trafficClass, int key) {
        int protocol = p.protocol();
        packets[protocol]++;
        bytes[protocol] += p.ipLength();
        slotPackets[day.slot(p.epochSecond()) * 4 + ProtocolClass.of(protocol).ordinal()]++;
        classPackets[trafficClass.ordinal()]++;
        if (!p.isIpv4()) {
            ipv6Packets++;
            keyPackets.addTo(key, 1);
            ipv6Sources.computeIfAbsent(key, k -> new Ipv6Set()).add(p.srcHi(), p.srcLo());
            ipv6Sources.computeIfAbsent(group(trafficClass, protocol), k -> new Ipv6Set()).add(p.srcHi(), p.srcLo());
        }
    }

    /**
     * Takes this day's sorted pairs {@code pairs[from, to)}, (key, source) in the low 58 bits:
     * counts each port key's packets (a packet is one port pair, duplicates included) and keeps
     * the distinct pairs as a run. The array is overwritten.
     */
    void addSorted(long[] pairs, int from, int to) {
        int distinct = from;
        long last = -1;
        int key = -1;
        long count = 0;
        for (int i = from; i < to; i++) {
            long pair = pairs[i] & PAIR;
            int k = (int) (pair >>> 32);
            if (k != key) {
                countPackets(key, count);
                key = k;
                count = 0;
            }
            count++;
            if (pair != last) {
                pairs[distinct++] = pair;
                last = pair;
            }
        }
        countPackets(key, count);
        runs.add(pairs, from, distinct);
    }

    /** The bits of a (key, source) pair. */
    static final long PAIR = (1L << 58) - 1;

    private void countPackets(int key, long count) {
        if (count > 0 && key < GROUP) {
            keyPackets.addTo(key, count);
        }
    }

    /** The day's result; the builder must not be used afterwards. */
    DayTraffic finish() {
        Int2ObjectMap<KeyTraffic> keys = new Int2ObjectOpenHashMap<>(keyPackets.size());
        Int2ObjectMap<RoaringBitmap> groups = new Int2ObjectOpenHashMap<>();
        RoaringBitmapWriter<RoaringBitmap> writer = RoaringBitmapWriter.writer().optimiseForArrays().runCompress(false).get();
        int[] current = {-1};
        runs.merge(pair -> {
            int key = (int) (pair >>> 32);
            if (key != current[0]) {
                close(current[0], writer, keys, groups);
                current[0] = key;
            }
            writer.add((int) pair);
        });
        close(current[0], writer, keys, groups);
        keyPackets.forEach((key, n) -> keys.computeIfAbsent((int) key, k -> new KeyTraffic(n, ipv6Only(k))));
        List<List<RoaringBitmap>> protocolSets = new ArrayList<>();
        List<List<RoaringBitmap>> classSets = new ArrayList<>();
        Ipv6Set[] protocolV6 = new Ipv6Set[256];
        Ipv6Set[] classV6 = new Ipv6Set[classPackets.length];
        for (int i = 0; i < 256; i++) {
            protocolSets.add(new ArrayList<>());
            protocolV6[i] = new Ipv6Set();
        }
        for (int c = 0; c < classPackets.length; c++) {
            classSets.add(new ArrayList<>());
            classV6[c] = new Ipv6Set();
        }
        for (TrafficClass c : TrafficClass.values()) {
            for (int protocol = 0; protocol < 256; protocol++) {
                int group = group(c, protocol);
                RoaringBitmap v4 = groups.get(group);
                if (v4 != null) {
                    protocolSets.get(protocol).add(v4);
                    classSets.get(c.ordinal()).add(v4);
                }
                Ipv6Set v6 = ipv6Sources.get(group);
                if (v6 != null) {
                    protocolV6[protocol].or(v6);
                    classV6[c.ordinal()].or(v6);
                }
            }
        }
        SourceSet[] protocolSources = new SourceSet[256];
        List<RoaringBitmap> all = new ArrayList<>();
        Ipv6Set allV6 = new Ipv6Set();
        for (int protocol = 0; protocol < 256; protocol++) {
            if (packets[protocol] > 0) {
                RoaringBitmap union = union(protocolSets.get(protocol));
                all.add(union);
                allV6.or(protocolV6[protocol]);
                protocolSources[protocol] = SourceSet.of(union, protocolV6[protocol]);
            }
        }
        SourceSet[] classSources = new SourceSet[classPackets.length];
        for (int c = 0; c < classSources.length; c++) {
            classSources[c] = SourceSet.of(union(classSets.get(c)), classV6[c]);
        }
        return new DayTraffic(day, packets, bytes, ipv6Packets, slotPackets, keys, protocolSources, SourceSet.of(union(all), allV6),
                classPackets, classSources);
    }

    /** Ends a key's run of sources: a port's set becomes its statistics, a group's is kept for the unions. */
    private void close(int key, RoaringBitmapWriter<RoaringBitmap> writer, Int2ObjectMap<KeyTraffic> keys,
                       Int2ObjectMap<RoaringBitmap> groups) {
        if (key < 0) {
            return;
        }
        RoaringBitmap sources = writer.get();
        writer.reset();
        if (key >= GROUP) {
            groups.put(key, sources);
        } else {
            Ipv6Set v6 = ipv6Sources.get(key);
            keys.put(key, new KeyTraffic(keyPackets.get(key), SourceSet.of(sources, v6 == null ? Ipv6Set.EMPTY : v6)));
        }
    }

    private SourceSet ipv6Only(int key) {
        return SourceSet.of(new RoaringBitmap(), ipv6Sources.get(key));
    }

    private static RoaringBitmap union(List<RoaringBitmap> sets) {
        RoaringBitmap union = new RoaringBitmap();
        sets.forEach(union::or);
        return union;
    }
}
