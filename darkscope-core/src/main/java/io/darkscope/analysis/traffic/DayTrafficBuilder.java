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
 * One worker's statistics of one day while packets arrive: counters, and the (key, source, class)
 * entries the accumulator sorts and hands over a buffer at a time, one an IPv4 packet. The
 * distinct entries wait as compact sorted runs; at the end they come out in order, and each key's
 * sources go straight into its bitmap, and each of its classes' sources into that class's part of
 * its (traffic class, protocol) group. A group's sources are the union of its parts, a protocol's
 * the union of its classes' groups, a class's the union of its protocols' ({@link SourceUnion}: a
 * port scan's tens of thousands of ports cost no more than their sources).
 */
final class DayTrafficBuilder {
    /** Marks a group key, its class in bits 8-9 and its protocol in bits 0-7; port keys are below. */
    static final int GROUP = 1 << 25;
    /** Bits of an entry: the key (25) above the source (32) above the class (2). */
    static final int ENTRY_BITS = 59;
    private static final int KEY_SHIFT = 34;
    private static final int CLASS_BITS = 2;
    private static final int CLASS_MASK = (1 << CLASS_BITS) - 1;
    private static final TrafficClass[] CLASSES = TrafficClass.values();

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

    /** An IPv4 packet's entry: sorted, the entries come key by key, source by source. */
    static long entry(int key, int source, TrafficClass trafficClass) {
        return (long) key << KEY_SHIFT | (source & 0xffffffffL) << CLASS_BITS | trafficClass.ordinal();
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
     * Takes this day's sorted entries {@code entries[from, to)} in their low {@value #ENTRY_BITS}
     * bits: counts each key's packets (an entry a packet, duplicates included) and keeps the
     * distinct entries as a run. The array is overwritten.
     */
    void addSorted(long[] entries, int from, int to) {
        int distinct = from;
        long last = -1;
        int key = -1;
        long count = 0;
        for (int i = from; i < to; i++) {
            long entry = entries[i] & ENTRY_MASK;
            int k = (int) (entry >>> KEY_SHIFT);
            if (k != key) {
                countPackets(key, count);
                key = k;
                count = 0;
            }
            count++;
            if (entry != last) {
                entries[distinct++] = entry;
                last = entry;
            }
        }
        countPackets(key, count);
        runs.add(entries, from, distinct);
    }

    private static final long ENTRY_MASK = (1L << ENTRY_BITS) - 1;

    private void countPackets(int key, long count) {
        if (count > 0) {
            keyPackets.addTo(key, count);
        }
    }

    /** The day's result; the builder must not be used afterwards. */
    DayTraffic finish() {
        KeySets sets = new KeySets(keyPackets.size());
        runs.merge(sets);
        sets.close();
        Int2ObjectMap<KeyTraffic> keys = sets.keys;
        Int2ObjectMap<RoaringBitmap> groups = new Int2ObjectOpenHashMap<>();
        sets.groups.forEach((group, union) -> groups.put((int) group, union.result()));
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

    /** Builds each key's sources and its classes' parts of their groups from the entries, in order. */
    private final class KeySets implements PairRuns.PairSink {
        final Int2ObjectMap<KeyTraffic> keys;
        final Int2ObjectMap<SourceUnion> groups = new Int2ObjectOpenHashMap<>();
        private final RoaringBitmapWriter<RoaringBitmap> sources = writer();
        private final List<RoaringBitmapWriter<RoaringBitmap>> classSources = new ArrayList<>();
        private int key = -1;
        private int source;
        private int classes; // a bit a class seen in the key

        KeySets(int expectedKeys) {
            keys = new Int2ObjectOpenHashMap<>(expectedKeys);
            for (int c = 0; c < CLASSES.length; c++) {
                classSources.add(writer());
            }
        }

        private static RoaringBitmapWriter<RoaringBitmap> writer() {
            return RoaringBitmapWriter.writer().optimiseForArrays().runCompress(false).get();
        }

        @Override
        public void pair(long entry) {
            int k = (int) (entry >>> KEY_SHIFT);
            int s = (int) (entry >>> CLASS_BITS);
            int c = (int) entry & CLASS_MASK;
            if (k != key) {
                close();
                key = k;
                sources.add(s);
            } else if (s != source) {
                sources.add(s);
            }
            source = s;
            classSources.get(c).add(s);
            classes |= 1 << c;
        }

        /** Ends a key's run of sources: its statistics, and its classes' parts of their groups. */
        void close() {
            if (key < 0) {
                return;
            }
            RoaringBitmap keySources = sources.get();
            sources.reset();
            Ipv6Set v6 = ipv6Sources.get(key);
            keys.put(key, new KeyTraffic(keyPackets.get(key), SourceSet.of(keySources, v6 == null ? Ipv6Set.EMPTY : v6)));
            for (int c = 0; c < CLASSES.length; c++) {
                if ((classes & 1 << c) != 0) {
                    RoaringBitmap part = classes == 1 << c ? keySources : classSources.get(c).get(); // one class: the key's own set
                    groups.computeIfAbsent(group(CLASSES[c], TrafficKey.protocol(key)), g -> new SourceUnion()).add(part);
                }
                classSources.get(c).reset();
            }
            classes = 0;
        }
    }

    private SourceSet ipv6Only(int key) {
        return SourceSet.of(new RoaringBitmap(), ipv6Sources.get(key));
    }

    private static RoaringBitmap union(List<RoaringBitmap> sets) {
        SourceUnion union = new SourceUnion();
        sets.forEach(union::add);
        return union.result();
    }
}
