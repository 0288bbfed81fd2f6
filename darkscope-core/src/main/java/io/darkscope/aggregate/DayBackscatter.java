package io.darkscope.aggregate;

import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntAVLTreeSet;
import it.unimi.dsi.fastutil.ints.IntSortedSet;

import java.nio.ByteBuffer;
import java.time.LocalDate;

/**
 * The backscatter of one day, per DoS victim (Moore et al., USENIX Security 2001): the victim
 * is the source of a SYN-ACK or RST, or the destination of the packet an ICMP error quotes.
 * Per victim: packets, first and last time, the victim's ports, and packets per 10-second
 * bucket, from which attacks are cut and their peak rates measured. Victims merge by adding.
 */
public final class DayBackscatter {
    /** Seconds in one bucket of a victim's packet series. */
    public static final int BUCKET_SECONDS = 10;
    private static final int MAX_PORTS = 16;

    private final LocalDate date;
    private final Int2ObjectOpenHashMap<Victim> victims = new Int2ObjectOpenHashMap<>();

    /** One victim's backscatter of the day. */
    public static final class Victim {
        long packets;
        long firstNanos = Long.MAX_VALUE;
        long lastNanos = Long.MIN_VALUE;
        final IntSortedSet ports = new IntAVLTreeSet();
        /** Packets per bucket, by bucket number since the epoch (epoch second / 10). */
        final Int2IntOpenHashMap buckets = new Int2IntOpenHashMap();

        public long packets() {
            return packets;
        }

        public long firstNanos() {
            return firstNanos;
        }

        public long lastNanos() {
            return lastNanos;
        }

        /** The victim's service ports seen (at most 16). */
        public IntSortedSet ports() {
            return ports;
        }

        void add(long nanos, int port) {
            packets++;
            firstNanos = Math.min(firstNanos, nanos);
            lastNanos = Math.max(lastNanos, nanos);
            if (port >= 0 && ports.size() < MAX_PORTS) {
                ports.add(port);
            }
            buckets.addTo((int) (Math.floorDiv(nanos, 1_000_000_000L) / BUCKET_SECONDS), 1);
        }

        void merge(Victim other) {
            packets += other.packets;
            firstNanos = Math.min(firstNanos, other.firstNanos);
            lastNanos = Math.max(lastNanos, other.lastNanos);
            for (int port : other.ports) {
                if (ports.size() < MAX_PORTS) {
                    ports.add(port);
                }
            }
            for (Int2IntMap.Entry e : other.buckets.int2IntEntrySet()) {
                buckets.addTo(e.getIntKey(), e.getIntValue());
            }
        }

        /** Buckets in their stored form: (bucket, packets) int pairs. */
        public byte[] bucketBytes() {
            ByteBuffer out = ByteBuffer.allocate(8 * buckets.size());
            for (Int2IntMap.Entry e : buckets.int2IntEntrySet()) {
                out.putInt(e.getIntKey()).putInt(e.getIntValue());
            }
            return out.array();
        }

        /** A victim as stored. */
        public static Victim stored(long packets, long firstNanos, long lastNanos, int[] ports, byte[] buckets) {
            Victim v = new Victim();
            v.packets = packets;
            v.firstNanos = firstNanos;
            v.lastNanos = lastNanos;
            for (int p : ports) {
                v.ports.add(p);
            }
            ByteBuffer in = ByteBuffer.wrap(buckets);
            while (in.remaining() >= 8) {
                v.buckets.put(in.getInt(), in.getInt());
            }
            return v;
        }
    }

    public DayBackscatter(LocalDate date) {
        this.date = date;
    }

    public LocalDate date() {
        return date;
    }

    /** The day's victims by IPv4 address. */
    public Int2ObjectMap<Victim> victims() {
        return victims;
    }

    void add(int victim, long nanos, int port) {
        victims.computeIfAbsent(victim, v -> new Victim()).add(nanos, port);
    }

    /** Adds a victim's stored state. */
    public void put(int victim, Victim state) {
        Victim mine = victims.get(victim);
        if (mine == null) {
            victims.put(victim, state);
        } else {
            mine.merge(state);
        }
    }

    /** Adds {@code other}, of the same day, into this one and returns this. */
    public DayBackscatter merge(DayBackscatter other) {
        for (int victim : SortedKeys.of(other.victims.keySet())) {
            put(victim, other.victims.get(victim));
        }
        return this;
    }
}
