package io.darkscope.analysis.traffic;

import io.darkscope.analysis.AnalysisState;
import io.darkscope.classify.TrafficClass;
import io.darkscope.pipeline.Day;
import io.darkscope.sets.SortedKeys;
import io.darkscope.sets.SourceSet;
import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Everything the traffic statistics know of one day in the configured time zone: packets and
 * bytes per IP protocol, packets per protocol class per 5 minutes, packets and exact distinct
 * sources per (protocol, destination port), and distinct sources per protocol, per traffic
 * class and over all traffic (unions of the ports' sets, kept as state of their own because
 * computing them from tens of thousands of port sets is slow).
 */
public final class DayTraffic implements AnalysisState<DayTraffic> {
    private final Day day;
    private final long[] packetsByProtocol;
    private final long[] bytesByProtocol;
    private long ipv6Packets;
    private final long[] slotPackets;
    private final Int2ObjectMap<KeyTraffic> keys;
    private final SourceSet[] protocolSources;
    private SourceSet allSources;
    private final long[] classPackets;
    private final SourceSet[] classSources;

    /**
     * @param slotPackets     packets per 5-minute slot from the day's start, four per slot in
     *                        {@link ProtocolClass} order
     * @param protocolSources distinct sources per IP protocol number (null where none)
     * @param allSources      distinct sources over all protocols
     * @param classPackets    packets per {@link TrafficClass}
     * @param classSources    distinct sources per {@link TrafficClass}
     */
    DayTraffic(Day day, long[] packetsByProtocol, long[] bytesByProtocol, long ipv6Packets, long[] slotPackets,
               Int2ObjectMap<KeyTraffic> keys, SourceSet[] protocolSources, SourceSet allSources, long[] classPackets,
               SourceSet[] classSources) {
        if (packetsByProtocol.length != 256 || bytesByProtocol.length != 256 || protocolSources.length != 256
                || slotPackets.length != day.slots() * 4) {
            throw new IllegalArgumentException("per-protocol arrays need 256 entries and slots four classes");
        }
        this.day = day;
        this.packetsByProtocol = packetsByProtocol;
        this.bytesByProtocol = bytesByProtocol;
        this.ipv6Packets = ipv6Packets;
        this.slotPackets = slotPackets;
        this.keys = keys;
        this.protocolSources = protocolSources;
        this.allSources = allSources;
        this.classPackets = classPackets;
        this.classSources = classSources;
    }

    /** A day without packets. */
    static DayTraffic empty(Day day) {
        SourceSet[] classSources = new SourceSet[TrafficClass.values().length];
        Arrays.fill(classSources, SourceSet.EMPTY);
        return new DayTraffic(day, new long[256], new long[256], 0, new long[day.slots() * 4], new Int2ObjectOpenHashMap<>(),
                new SourceSet[256], SourceSet.EMPTY, new long[classSources.length], classSources);
    }

    @Override
    public DayTraffic merge(DayTraffic other) {
        if (!day.equals(other.day)) {
            throw new IllegalArgumentException("cannot merge " + other.day + " into " + day);
        }
        for (int i = 0; i < 256; i++) {
            packetsByProtocol[i] += other.packetsByProtocol[i];
            bytesByProtocol[i] += other.bytesByProtocol[i];
            protocolSources[i] = union(protocolSources[i], other.protocolSources[i]);
        }
        allSources = allSources.union(other.allSources);
        for (int c = 0; c < classPackets.length; c++) {
            classPackets[c] += other.classPackets[c];
            classSources[c] = classSources[c].union(other.classSources[c]);
        }
        ipv6Packets += other.ipv6Packets;
        for (int i = 0; i < slotPackets.length; i++) {
            slotPackets[i] += other.slotPackets[i];
        }
        mergeKeys(other);
        return this;
    }

    private static SourceSet union(SourceSet a, SourceSet b) {
        return a == null ? b : b == null ? a : a.union(b);
    }

    /** Unions of keys both days have run in parallel: with tens of thousands of keys they are most of a merge's work. */
    private void mergeKeys(DayTraffic other) {
        IntArrayList shared = new IntArrayList();
        for (int key : SortedKeys.of(other.keys.keySet())) {
            if (keys.containsKey(key)) {
                shared.add(key);
            } else {
                keys.put(key, other.keys.get(key));
            }
        }
        int[] sharedKeys = shared.toIntArray();
        KeyTraffic[] merged = IntStream.range(0, sharedKeys.length).parallel()
                .mapToObj(i -> keys.get(sharedKeys[i]).merge(other.keys.get(sharedKeys[i])))
                .toArray(KeyTraffic[]::new);
        for (int i = 0; i < sharedKeys.length; i++) {
            keys.put(sharedKeys[i], merged[i]);
        }
    }

    @Override
    public Day day() {
        return day;
    }

    public long packets(int protocol) {
        return packetsByProtocol[protocol];
    }

    public long bytes(int protocol) {
        return bytesByProtocol[protocol];
    }

    public long packets() {
        return Arrays.stream(packetsByProtocol).sum();
    }

    public long bytes() {
        return Arrays.stream(bytesByProtocol).sum();
    }

    public long ipv6Packets() {
        return ipv6Packets;
    }

    public long slotPackets(int slot, ProtocolClass protocolClass) {
        return slotPackets[slot * 4 + protocolClass.ordinal()];
    }

    /** The (protocol, port) keys of this day; see {@link TrafficKey}. */
    public Int2ObjectMap<KeyTraffic> keys() {
        return keys;
    }

    /** Distinct sources of one IP protocol (empty if none). */
    public SourceSet protocolSources(int protocol) {
        SourceSet set = protocolSources[protocol];
        return set == null ? SourceSet.EMPTY : set;
    }

    /** Distinct sources over all protocols. */
    public SourceSet allSources() {
        return allSources;
    }

    public long classPackets(TrafficClass trafficClass) {
        return classPackets[trafficClass.ordinal()];
    }

    public SourceSet classSources(TrafficClass trafficClass) {
        return classSources[trafficClass.ordinal()];
    }
}
