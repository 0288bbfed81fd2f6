package io.darkscope.aggregate;

import io.darkscope.classify.TrafficClass;
import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.time.LocalDate;
import java.util.stream.IntStream;

/**
 * Everything the traffic statistics know of one day in the configured time zone: packets and
 * bytes per IP protocol, packets per protocol class per 5 minutes, packets and exact distinct
 * sources per (protocol, destination port), and distinct sources per protocol and over all
 * traffic (unions of the ports' sets, kept as state of their own because computing them from
 * tens of thousands of port sets is slow). Two results for the same day {@link #merge merge} associatively and
 * commutatively, which is what lets threads, files, re-runs and a cluster agree.
 */
public final class DayTraffic {
    /** Seconds in one slot of the fine-grained series. */
    public static final int SLOT_SECONDS = 300;

    private final LocalDate date;
    private final long startEpochSecond;
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
    public DayTraffic(LocalDate date, long startEpochSecond, long[] packetsByProtocol, long[] bytesByProtocol,
                      long ipv6Packets, long[] slotPackets, Int2ObjectMap<KeyTraffic> keys, SourceSet[] protocolSources,
                      SourceSet allSources, long[] classPackets, SourceSet[] classSources) {
        if (packetsByProtocol.length != 256 || bytesByProtocol.length != 256 || protocolSources.length != 256
                || slotPackets.length % 4 != 0) {
            throw new IllegalArgumentException("per-protocol arrays need 256 entries and slots four classes");
        }
        this.protocolSources = protocolSources;
        this.allSources = allSources;
        this.classPackets = classPackets;
        this.classSources = classSources;
        this.date = date;
        this.startEpochSecond = startEpochSecond;
        this.packetsByProtocol = packetsByProtocol;
        this.bytesByProtocol = bytesByProtocol;
        this.ipv6Packets = ipv6Packets;
        this.slotPackets = slotPackets;
        this.keys = keys;
    }

    /** Adds {@code other}, a result for the same day, into this one and returns this. */
    public DayTraffic merge(DayTraffic other) {
        if (!date.equals(other.date) || slotPackets.length != other.slotPackets.length) {
            throw new IllegalArgumentException("cannot merge " + other.date + " into " + date);
        }
        for (int i = 0; i < 256; i++) {
            packetsByProtocol[i] += other.packetsByProtocol[i];
            bytesByProtocol[i] += other.bytesByProtocol[i];
            if (protocolSources[i] == null) {
                protocolSources[i] = other.protocolSources[i];
            } else if (other.protocolSources[i] != null) {
                protocolSources[i] = protocolSources[i].union(other.protocolSources[i]);
            }
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

    public LocalDate date() {
        return date;
    }

    /** Start of the day in the configured zone, seconds since the epoch. */
    public long startEpochSecond() {
        return startEpochSecond;
    }

    public long packets(int protocol) {
        return packetsByProtocol[protocol];
    }

    public long bytes(int protocol) {
        return bytesByProtocol[protocol];
    }

    public long packets() {
        long total = 0;
        for (long p : packetsByProtocol) {
            total += p;
        }
        return total;
    }

    public long bytes() {
        long total = 0;
        for (long b : bytesByProtocol) {
            total += b;
        }
        return total;
    }

    public long ipv6Packets() {
        return ipv6Packets;
    }

    /** Number of 5-minute slots in this day (288, or 276 / 300 on daylight-saving days). */
    public int slots() {
        return slotPackets.length / 4;
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
