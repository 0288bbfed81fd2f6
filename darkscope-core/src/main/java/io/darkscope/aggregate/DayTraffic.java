package io.darkscope.aggregate;

import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Everything the traffic statistics know of one day in the configured time zone: packets and
 * bytes per IP protocol, packets per protocol class per 5 minutes, and packets and exact
 * distinct sources per (protocol, destination port). Two results for the same day
 * {@link #merge merge} associatively and commutatively, which is what lets threads, files,
 * re-runs and a cluster agree.
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

    /**
     * @param slotPackets packets per 5-minute slot from the day's start, four per slot in
     *                    {@link ProtocolClass} order
     */
    public DayTraffic(LocalDate date, long startEpochSecond, long[] packetsByProtocol, long[] bytesByProtocol,
                      long ipv6Packets, long[] slotPackets, Int2ObjectMap<KeyTraffic> keys) {
        if (packetsByProtocol.length != 256 || bytesByProtocol.length != 256 || slotPackets.length % 4 != 0) {
            throw new IllegalArgumentException("per-protocol arrays need 256 entries and slots four classes");
        }
        this.date = date;
        this.startEpochSecond = startEpochSecond;
        this.packetsByProtocol = packetsByProtocol;
        this.bytesByProtocol = bytesByProtocol;
        this.ipv6Packets = ipv6Packets;
        this.slotPackets = slotPackets;
        this.keys = keys;
    }

    /** An empty day: the identity of {@link #merge}. */
    public static DayTraffic empty(LocalDate date, long startEpochSecond, int slots) {
        return new DayTraffic(date, startEpochSecond, new long[256], new long[256], 0, new long[slots * 4], new Int2ObjectOpenHashMap<>());
    }

    /** Adds {@code other}, a result for the same day, into this one and returns this. */
    public DayTraffic merge(DayTraffic other) {
        if (!date.equals(other.date) || slotPackets.length != other.slotPackets.length) {
            throw new IllegalArgumentException("cannot merge " + other.date + " into " + date);
        }
        for (int i = 0; i < 256; i++) {
            packetsByProtocol[i] += other.packetsByProtocol[i];
            bytesByProtocol[i] += other.bytesByProtocol[i];
        }
        ipv6Packets += other.ipv6Packets;
        for (int i = 0; i < slotPackets.length; i++) {
            slotPackets[i] += other.slotPackets[i];
        }
        for (Int2ObjectMap.Entry<KeyTraffic> e : other.keys.int2ObjectEntrySet()) {
            KeyTraffic mine = keys.get(e.getIntKey());
            if (mine == null) {
                keys.put(e.getIntKey(), e.getValue());
            } else {
                mine.merge(e.getValue());
            }
        }
        return this;
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

    /** Distinct sources over the keys that pass {@code keyFilter}. */
    public SourceSet sources(IntPredicate keyFilter) {
        List<SourceSet> sets = new ArrayList<>();
        for (Int2ObjectMap.Entry<KeyTraffic> e : keys.int2ObjectEntrySet()) {
            if (keyFilter.test(e.getIntKey())) {
                sets.add(e.getValue().sources());
            }
        }
        return SourceSet.union(sets);
    }
}
