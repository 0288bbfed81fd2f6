package io.darkscope.sets;

import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collection;

/**
 * An exact, immutable set of source addresses: IPv4 as a serialized RoaringBitmap (the
 * portable format, read in place without deserializing), IPv6 as an {@link Ipv6Set}. Kept
 * serialized because a darknet day has tens of thousands of small per-port sets, and as
 * objects their millions of containers would cost more memory and garbage-collection time
 * than everything else. Sets merge by union, so counts stay exact across days, ports,
 * threads and files.
 */
public final class SourceSet {
    public static final SourceSet EMPTY = new SourceSet(serialize(new RoaringBitmap()), new Ipv6Set());

    private final ImmutableRoaringBitmap ipv4;
    private final byte[] ipv4Bytes;
    private final Ipv6Set ipv6;

    private SourceSet(byte[] ipv4Bytes, Ipv6Set ipv6) {
        this.ipv4Bytes = ipv4Bytes;
        this.ipv4 = new ImmutableRoaringBitmap(ByteBuffer.wrap(ipv4Bytes));
        this.ipv6 = ipv6;
    }

    /** A set of the given addresses; the arguments are copied, not kept. */
    public static SourceSet of(RoaringBitmap ipv4, Ipv6Set ipv6) {
        return new SourceSet(serialize(ipv4), ipv6.copy());
    }

    /** A set read from its stored form (null or empty blobs are empty sets). */
    public static SourceSet fromBytes(byte[] ipv4, byte[] ipv6) {
        byte[] v4 = ipv4 == null || ipv4.length == 0 ? EMPTY.ipv4Bytes : ipv4;
        return new SourceSet(v4, ipv6 == null ? new Ipv6Set() : Ipv6Set.fromBytes(ipv6));
    }

    /**
     * A bitmap in RoaringBitmap's portable serialized format, as the store keeps sets. Each
     * container takes its smallest form first, so that a set has one serialized form however it
     * was built: the store's bytes then depend on the sources alone, not on how they arrived.
     */
    public static byte[] serialize(RoaringBitmap bitmap) {
        bitmap.runOptimize();
        ByteBuffer out = ByteBuffer.allocate(bitmap.serializedSizeInBytes());
        bitmap.serialize(out);
        return out.array();
    }

    /** The IPv4 sources, read-only. */
    public ImmutableRoaringBitmap ipv4() {
        return ipv4;
    }

    /** The IPv4 sources in RoaringBitmap's portable serialized format. */
    public byte[] ipv4Bytes() {
        return ipv4Bytes;
    }

    /** The IPv6 sources; do not modify. */
    public Ipv6Set ipv6() {
        return ipv6;
    }

    /** Number of distinct sources, IPv4 and IPv6 together. */
    public long cardinality() {
        return ipv4.getLongCardinality() + ipv6.size();
    }

    /** A modifiable copy of the IPv4 sources. */
    public RoaringBitmap ipv4Bitmap() {
        RoaringBitmap bitmap = new RoaringBitmap();
        try {
            bitmap.deserialize(ByteBuffer.wrap(ipv4Bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("damaged source bitmap", e);
        }
        return bitmap;
    }

    /**
     * This set and {@code other} together. Unions run on deserialized bitmaps: reading the
     * serialized form in place is slower than copying it onto the heap first.
     */
    public SourceSet union(SourceSet other) {
        if (other.cardinality() == 0) {
            return this;
        }
        if (cardinality() == 0) {
            return other;
        }
        RoaringBitmap v4 = ipv4Bitmap();
        v4.or(other.ipv4Bitmap());
        Ipv6Set v6 = ipv6.copy();
        v6.or(other.ipv6);
        return new SourceSet(serialize(v4), v6);
    }

    /** The sources of this set that are not in {@code other}. */
    public SourceSet minus(SourceSet other) {
        RoaringBitmap v4 = ipv4Bitmap();
        v4.andNot(other.ipv4Bitmap());
        Ipv6Set v6 = new Ipv6Set();
        ByteBuffer mine = ByteBuffer.wrap(ipv6.toBytes());
        while (mine.hasRemaining()) {
            long high = mine.getLong();
            long low = mine.getLong();
            if (!other.ipv6.contains(high, low)) {
                v6.add(high, low);
            }
        }
        return new SourceSet(serialize(v4), v6);
    }

    /**
     * The union of many sets, read one at a time into the result. In place and not lazy: a lazy
     * union turns every container into an 8 KiB bitmap, and addresses spread over all 65,536 of
     * them would take half a gigabyte whatever their number.
     */
    public static SourceSet union(Collection<SourceSet> sets) {
        if (sets.isEmpty()) {
            return EMPTY;
        }
        if (sets.size() == 1) {
            return sets.iterator().next();
        }
        RoaringBitmap v4 = new RoaringBitmap();
        Ipv6Set v6 = new Ipv6Set();
        for (SourceSet s : sets) {
            v4.or(s.ipv4Bitmap());
            v6.or(s.ipv6);
        }
        return new SourceSet(serialize(v4), v6);
    }

    /** Writes the set as two length-prefixed blobs (IPv4 bitmap, IPv6 addresses), the stored forms. */
    public void write(DataOutput out) throws IOException {
        byte[] v6 = ipv6.toBytes();
        out.writeInt(ipv4Bytes.length);
        out.write(ipv4Bytes);
        out.writeInt(v6.length);
        out.write(v6);
    }

    /** Reads a set written by {@link #write}. */
    public static SourceSet read(DataInput in) throws IOException {
        byte[] v4 = new byte[length(in)];
        in.readFully(v4);
        byte[] v6 = new byte[length(in)];
        in.readFully(v6);
        try {
            SourceSet set = fromBytes(v4, v6);
            set.ipv4.getCardinality(); // reads the header: a damaged bitmap fails here, not later
            return set;
        } catch (IllegalArgumentException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new IOException("damaged source set: " + e.getMessage(), e);
        }
    }

    private static int length(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 30)) {
            throw new IOException("impossible source set length " + n);
        }
        return n;
    }
}
