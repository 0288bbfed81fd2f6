package io.darkscope.store;

import io.darkscope.aggregate.Ipv6Set;
import io.darkscope.aggregate.SourceSet;
import org.roaringbitmap.RoaringBitmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** The stored form of source sets: a portable RoaringBitmap for IPv4, sorted 16-byte addresses for IPv6. */
public final class Blobs {
    private Blobs() {
    }

    public static byte[] ipv4(RoaringBitmap bitmap) {
        ByteBuffer out = ByteBuffer.allocate(bitmap.serializedSizeInBytes());
        bitmap.serialize(out);
        return out.array();
    }

    public static RoaringBitmap ipv4(byte[] blob) {
        RoaringBitmap bitmap = new RoaringBitmap();
        if (blob != null && blob.length > 0) {
            try {
                bitmap.deserialize(ByteBuffer.wrap(blob));
            } catch (IOException e) {
                throw new UncheckedIOException("damaged source bitmap in the store", e);
            }
        }
        return bitmap;
    }

    public static SourceSet sources(byte[] ipv4, byte[] ipv6) {
        return new SourceSet(ipv4(ipv4), ipv6 == null ? new Ipv6Set() : Ipv6Set.fromBytes(ipv6));
    }
}
