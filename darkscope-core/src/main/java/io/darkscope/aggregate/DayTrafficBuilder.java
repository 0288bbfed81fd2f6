package io.darkscope.aggregate;

import io.darkscope.decode.PacketView;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

import java.time.LocalDate;

/**
 * One worker's statistics of one day while packets arrive. IPv4 (key, source) pairs go into a
 * flat long buffer; when it fills, it is radix-sorted and deduplicated in place, and only when
 * the distinct pairs fill half of it are they turned into bitmaps. That keeps the per-packet
 * cost to a few array writes, and the bitmap work proportional to distinct pairs, not packets.
 */
final class DayTrafficBuilder {
    /** Marks a pair whose packet is already counted in {@link #keyPackets}. */
    private static final long COUNTED = Long.MIN_VALUE;

    private final LocalDate date;
    private final long startEpochSecond;
    private final long[] packets = new long[256];
    private final long[] bytes = new long[256];
    private final long[] slotPackets;
    private long ipv6Packets;
    private final Int2LongOpenHashMap keyPackets = new Int2LongOpenHashMap();
    private final Int2ObjectOpenHashMap<RoaringBitmap> ipv4Sources = new Int2ObjectOpenHashMap<>();
    private final Int2ObjectOpenHashMap<Ipv6Set> ipv6Sources = new Int2ObjectOpenHashMap<>();
    private long[] pairs;
    private int pairCount;

    DayTrafficBuilder(LocalDate date, long startEpochSecond, int slots) {
        this.date = date;
        this.startEpochSecond = startEpochSecond;
        this.slotPackets = new long[slots * 4];
    }

    LocalDate date() {
        return date;
    }

    boolean hasBuffer() {
        return pairs != null;
    }

    void giveBuffer(long[] buffer) {
        pairs = buffer;
        pairCount = 0;
    }

    /** Turns buffered pairs into bitmaps and hands the buffer back. */
    long[] takeBuffer(PairSort sorter, RoaringBitmapWriter<RoaringBitmap> writer) {
        compact(sorter, writer, true);
        long[] buffer = pairs;
        pairs = null;
        return buffer;
    }

    void add(PacketView p, PairSort sorter, RoaringBitmapWriter<RoaringBitmap> writer) {
        int protocol = p.protocol();
        packets[protocol]++;
        bytes[protocol] += p.ipLength();
        int slot = (int) ((p.epochSecond() - startEpochSecond) / DayTraffic.SLOT_SECONDS);
        slotPackets[slot * 4 + ProtocolClass.of(protocol).ordinal()]++;
        int key = TrafficKey.of(protocol, p.dstPort());
        if (p.isIpv4()) {
            pairs[pairCount++] = ((long) key << 32) | (p.src4() & 0xffffffffL);
            if (pairCount == pairs.length) {
                compact(sorter, writer, false);
            }
        } else {
            ipv6Packets++;
            keyPackets.addTo(key, 1);
            ipv6Sources.computeIfAbsent(key, k -> new Ipv6Set()).add(p.srcHi(), p.srcLo());
        }
    }

    private void compact(PairSort sorter, RoaringBitmapWriter<RoaringBitmap> writer, boolean spill) {
        sorter.sort(pairs, pairCount);
        int distinct = 0;
        int i = 0;
        while (i < pairCount) {
            int key = keyOf(pairs[i]);
            long fresh = 0;
            long last = -1;
            for (; i < pairCount; i++) {
                long v = pairs[i];
                long pair = v & PairSort.SORT_MASK;
                if ((int) (pair >>> 32) != key) {
                    break;
                }
                if (v >= 0) {
                    fresh++;
                }
                if (pair != last) {
                    pairs[distinct++] = pair | COUNTED;
                    last = pair;
                }
            }
            if (fresh > 0) {
                keyPackets.addTo(key, fresh);
            }
        }
        pairCount = distinct;
        if (spill || distinct > pairs.length / 2) {
            spill(writer);
        }
    }

    private static int keyOf(long pair) {
        return (int) ((pair & PairSort.SORT_MASK) >>> 32);
    }

    private void spill(RoaringBitmapWriter<RoaringBitmap> writer) {
        int i = 0;
        while (i < pairCount) {
            int key = keyOf(pairs[i]);
            for (; i < pairCount && keyOf(pairs[i]) == key; i++) {
                writer.add((int) pairs[i]);
            }
            RoaringBitmap batch = writer.get();
            writer.reset();
            RoaringBitmap sources = ipv4Sources.get(key);
            if (sources == null) {
                ipv4Sources.put(key, batch);
            } else {
                sources.or(batch);
            }
        }
        pairCount = 0;
    }

    /** The day's result; the builder must not be used afterwards. */
    DayTraffic finish(PairSort sorter, RoaringBitmapWriter<RoaringBitmap> writer) {
        if (pairs != null) {
            compact(sorter, writer, true);
        }
        Int2ObjectMap<KeyTraffic> keys = new Int2ObjectOpenHashMap<>(keyPackets.size());
        for (Int2LongOpenHashMap.Entry e : keyPackets.int2LongEntrySet()) {
            int key = e.getIntKey();
            RoaringBitmap v4 = ipv4Sources.get(key);
            Ipv6Set v6 = ipv6Sources.get(key);
            SourceSet sources = new SourceSet(v4 == null ? new RoaringBitmap() : v4, v6 == null ? new Ipv6Set() : v6);
            keys.put(key, new KeyTraffic(e.getLongValue(), sources));
        }
        return new DayTraffic(date, startEpochSecond, packets, bytes, ipv6Packets, slotPackets, keys);
    }
}
