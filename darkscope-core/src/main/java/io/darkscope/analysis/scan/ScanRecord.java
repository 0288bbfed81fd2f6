package io.darkscope.analysis.scan;

import java.util.Arrays;

/**
 * One (source, type code, SYN signature) key's activity in one 10-minute bucket of a day: packets,
 * bytes, the first and last second within the bucket that had a packet, and the distinct
 * destinations. Mutable and reused while records are read, merged and written; records order
 * by source (unsigned), code, signature, bucket.
 */
final class ScanRecord {
    /** Seconds in a bucket: not more than the idle timeout, so that a scan is never cut inside one. */
    static final int BUCKET_SECONDS = 600;

    int source;
    int code;
    long sigFields;
    long sigKinds;
    int bucket;
    long packets;
    long bytes;
    int first;
    int last;
    int[] destinations = new int[8];
    int destinationCount;

    /** Compares the keys and buckets of two records. */
    static int compare(ScanRecord a, ScanRecord b) {
        int c = compareKeys(a, b);
        return c != 0 ? c : Integer.compare(a.bucket, b.bucket);
    }

    /** Compares the (source, code, signature) keys of two records. */
    static int compareKeys(ScanRecord a, ScanRecord b) {
        int c = Integer.compareUnsigned(a.source, b.source);
        if (c == 0) {
            c = Integer.compare(a.code, b.code);
        }
        if (c == 0) {
            c = Long.compareUnsigned(a.sigFields, b.sigFields);
        }
        return c != 0 ? c : Long.compareUnsigned(a.sigKinds, b.sigKinds);
    }

    boolean sameKey(ScanRecord other) {
        return compareKeys(this, other) == 0;
    }

    void copyFrom(ScanRecord r) {
        source = r.source;
        code = r.code;
        sigFields = r.sigFields;
        sigKinds = r.sigKinds;
        bucket = r.bucket;
        packets = r.packets;
        bytes = r.bytes;
        first = r.first;
        last = r.last;
        destinationCount = 0;
        addDestinations(r.destinations, r.destinationCount);
    }

    /** Adds another record of the same key and bucket: sums, first and last, the union of destinations. */
    void add(ScanRecord r) {
        packets += r.packets;
        bytes += r.bytes;
        first = Math.min(first, r.first);
        last = Math.max(last, r.last);
        int[] mine = Arrays.copyOf(destinations, destinationCount);
        destinationCount = 0;
        ensure(mine.length + r.destinationCount);
        int i = 0;
        int j = 0;
        while (i < mine.length || j < r.destinationCount) {
            int c = i == mine.length ? 1 : j == r.destinationCount ? -1 : Integer.compareUnsigned(mine[i], r.destinations[j]);
            if (c <= 0) {
                destinations[destinationCount++] = mine[i++];
                j += c == 0 ? 1 : 0;
            } else {
                destinations[destinationCount++] = r.destinations[j++];
            }
        }
    }

    /** Appends destinations (ascending, unsigned, above those already here). */
    void addDestinations(int[] values, int n) {
        ensure(destinationCount + n);
        System.arraycopy(values, 0, destinations, destinationCount, n);
        destinationCount += n;
    }

    void ensure(int capacity) {
        if (capacity > destinations.length) {
            destinations = Arrays.copyOf(destinations, Math.max(capacity, destinations.length * 2));
        }
    }
}
