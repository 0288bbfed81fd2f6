package io.darkscope.aggregate;

import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An exact set of source addresses: IPv4 in a RoaringBitmap, IPv6 in an {@link Ipv6Set}.
 * Sets merge by union, so counts stay exact across days, ports, threads and files.
 */
public final class SourceSet {
    private final RoaringBitmap ipv4;
    private final Ipv6Set ipv6;

    public SourceSet() {
        this(new RoaringBitmap(), new Ipv6Set());
    }

    public SourceSet(RoaringBitmap ipv4, Ipv6Set ipv6) {
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
    }

    public RoaringBitmap ipv4() {
        return ipv4;
    }

    public Ipv6Set ipv6() {
        return ipv6;
    }

    /** Number of distinct sources, IPv4 and IPv6 together. */
    public long cardinality() {
        return ipv4.getLongCardinality() + ipv6.size();
    }

    /** Adds every source of {@code other} to this set. */
    public SourceSet or(SourceSet other) {
        ipv4.or(other.ipv4);
        ipv6.or(other.ipv6);
        return this;
    }

    /** The union of many sets, computed without modifying them. */
    public static SourceSet union(Collection<SourceSet> sets) {
        List<RoaringBitmap> bitmaps = new ArrayList<>(sets.size());
        Ipv6Set ipv6 = new Ipv6Set();
        for (SourceSet s : sets) {
            bitmaps.add(s.ipv4);
            ipv6.or(s.ipv6);
        }
        RoaringBitmap ipv4 = bitmaps.isEmpty() ? new RoaringBitmap() : FastAggregation.or(bitmaps.iterator());
        return new SourceSet(ipv4, ipv6);
    }
}
