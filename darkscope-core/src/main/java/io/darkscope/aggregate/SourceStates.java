package io.darkscope.aggregate;

import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;

import java.nio.ByteBuffer;
import java.util.function.LongBinaryOperator;

/**
 * Per-source state packed in a long, for the fingerprint rules decided over a source's packets
 * of the day. Two packings: a Mirai source's first IP ID, whether its IP ID varied, and its
 * packets; and, for ZMap and masscan, how many packets matched and how many did not after the
 * first that matched. Both merge by adding, so that threads and files agree.
 */
public final class SourceStates {
    private static final long PACKETS = 0xffffffffL;
    private static final long VARIED = 1L << 48;

    private SourceStates() {
    }

    /** A Mirai source's state after its first packet. */
    public static long miraiFirst(int ipId) {
        return ((long) ipId << 32) | 1;
    }

    public static long miraiMerge(long a, long b) {
        long packets = Math.min(PACKETS, (a & PACKETS) + (b & PACKETS));
        boolean varied = ((a | b) & VARIED) != 0 || ((a >>> 32) & 0xffff) != ((b >>> 32) & 0xffff);
        return (a & 0xffff00000000L) | (varied ? VARIED : 0) | packets;
    }

    public static long miraiPackets(long state) {
        return state & PACKETS;
    }

    public static boolean miraiVaried(long state) {
        return (state & VARIED) != 0;
    }

    /** Evidence state: one more matching packet. */
    public static final long MATCH = 1;
    /** Evidence state: one more packet that did not match, after one that did. */
    public static final long MISMATCH = 1L << 32;

    public static long evidenceMerge(long a, long b) {
        return a + b;
    }

    public static long matches(long state) {
        return state & PACKETS;
    }

    public static long mismatches(long state) {
        return state >>> 32;
    }

    /** Adds {@code other} into {@code into}, source by source. */
    public static void merge(Int2LongOpenHashMap into, Int2LongOpenHashMap other, LongBinaryOperator merge) {
        for (int source : sortedSources(other)) {
            into.mergeLong(source, other.get(source), merge);
        }
    }

    /** The stored form: the count, then the sources in ascending order, then their states. */
    public static byte[] toBytes(Int2LongOpenHashMap states) {
        int[] sources = sortedSources(states);
        ByteBuffer out = ByteBuffer.allocate(4 + 12 * sources.length);
        out.putInt(sources.length);
        for (int s : sources) {
            out.putInt(s);
        }
        for (int s : sources) {
            out.putLong(states.get(s));
        }
        return out.array();
    }

    /** The sources of a state map in ascending unsigned order, as bitmaps want them. */
    public static int[] sortedSources(Int2LongOpenHashMap states) {
        return SortedKeys.of(states.keySet());
    }

    public static Int2LongOpenHashMap fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int n = in.getInt();
        int[] sources = new int[n];
        for (int i = 0; i < n; i++) {
            sources[i] = in.getInt();
        }
        Int2LongOpenHashMap states = new Int2LongOpenHashMap(n);
        for (int i = 0; i < n; i++) {
            states.put(sources[i], in.getLong());
        }
        return states;
    }
}
