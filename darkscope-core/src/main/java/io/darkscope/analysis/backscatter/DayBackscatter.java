package io.darkscope.analysis.backscatter;

import io.darkscope.analysis.AnalysisState;
import io.darkscope.pipeline.Day;
import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

import java.util.Arrays;

/**
 * The backscatter of one day, per DoS victim (Moore et al., USENIX Security 2001): the victim is
 * the source of a SYN-ACK or RST, or the destination of the packet an ICMP error quotes. Kept
 * per victim and second (packets, and the first and last packet's nanoseconds within that
 * second) and per victim, service port and minute (packets), so that attacks can later be cut
 * at exact times, their peak measured over a sliding minute, and their ports told apart. Every
 * entry merges by sums, minima and maxima.
 */
public final class DayBackscatter implements AnalysisState<DayBackscatter> {
    /** The port code of backscatter whose victim's port is unknown (ICMP echo replies, quotes cut short). */
    public static final int NO_PORT = 0x10000;
    private static final int MINUTE_BITS = 11;

    private final Day day;
    /** (victim, second of the day) to packets. */
    final Long2LongOpenHashMap seconds = new Long2LongOpenHashMap();
    /** (victim, second of the day) to the first packet's nanoseconds in the upper half, the last's in the lower. */
    final Long2LongOpenHashMap times = new Long2LongOpenHashMap();
    /** (victim, port code, minute of the day) to packets. */
    final Long2LongOpenHashMap ports = new Long2LongOpenHashMap();

    DayBackscatter(Day day) {
        this.day = day;
    }

    @Override
    public Day day() {
        return day;
    }

    /** Whether the day saw no backscatter. */
    public boolean isEmpty() {
        return seconds.isEmpty();
    }

    static long secondKey(int victim, int second) {
        return (victim & 0xffffffffL) << 32 | second;
    }

    static long portKey(int victim, int portCode, int minute) {
        return (victim & 0xffffffffL) << 32 | (long) portCode << MINUTE_BITS | minute;
    }

    static int victim(long key) {
        return (int) (key >>> 32);
    }

    static int secondOf(long secondKey) {
        return (int) secondKey;
    }

    static int portCodeOf(long portKey) {
        return (int) portKey >>> MINUTE_BITS;
    }

    static int minuteOf(long portKey) {
        return (int) portKey & ((1 << MINUTE_BITS) - 1);
    }

    /** Counts one packet of backscatter from {@code victim}'s {@code port} (-1 if unknown). */
    void add(int victim, int port, long nanos) {
        long epochSecond = Math.floorDiv(nanos, 1_000_000_000L);
        int second = (int) (epochSecond - day.startEpochSecond());
        int nano = (int) Math.floorMod(nanos, 1_000_000_000L);
        addSecond(secondKey(victim, second), 1, (long) nano << 32 | nano);
        ports.addTo(portKey(victim, port < 0 ? NO_PORT : port, second / 60), 1);
    }

    void addSecond(long key, long packets, long firstLast) {
        seconds.addTo(key, packets);
        long before = times.getOrDefault(key, -1L);
        times.put(key, before == -1 ? firstLast : span(before, firstLast));
    }

    private static long span(long a, long b) {
        long first = Math.min(a >>> 32, b >>> 32);
        long last = Math.max(a & 0xffffffffL, b & 0xffffffffL);
        return first << 32 | last;
    }

    @Override
    public DayBackscatter merge(DayBackscatter other) {
        for (long key : sortedKeys(other.seconds)) {
            addSecond(key, other.seconds.get(key), other.times.get(key));
        }
        for (long key : sortedKeys(other.ports)) {
            ports.addTo(key, other.ports.get(key));
        }
        return this;
    }

    /**
     * A map's keys in ascending order: merges walk another map's keys in this order, never in its
     * table order, which would build long probe runs in a map that hashes alike.
     */
    static long[] sortedKeys(Long2LongMap map) {
        long[] keys = map.keySet().toLongArray();
        Arrays.sort(keys); // signed order: each victim's keys still lie together
        return keys;
    }
}
