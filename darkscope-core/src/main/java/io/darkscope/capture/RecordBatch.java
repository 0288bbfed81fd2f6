package io.darkscope.capture;

import java.util.Arrays;

/**
 * A run of complete capture records read from one file: the raw bytes and, per record, where
 * its frame starts, its lengths, link type and timestamp. Batches are reused: a reader fills
 * one, a worker decodes it, and it goes back to be filled again.
 */
public final class RecordBatch {
    /** Default size of the byte buffer; a larger record grows it. */
    public static final int DEFAULT_BYTES = 4 << 20;

    byte[] data;
    int dataLength;
    int count;
    int[] frameOffset;
    int[] capturedLength;
    int[] wireLength;
    int[] linkType;
    long[] timestampNanos;

    public RecordBatch() {
        this(DEFAULT_BYTES);
    }

    public RecordBatch(int bytes) {
        data = new byte[bytes];
        int records = Math.max(16, bytes / 48);
        frameOffset = new int[records];
        capturedLength = new int[records];
        wireLength = new int[records];
        linkType = new int[records];
        timestampNanos = new long[records];
    }

    void clear() {
        dataLength = 0;
        count = 0;
    }

    void add(int offset, int captured, int wire, int link, long nanos) {
        if (count == frameOffset.length) {
            int n = count * 2;
            frameOffset = Arrays.copyOf(frameOffset, n);
            capturedLength = Arrays.copyOf(capturedLength, n);
            wireLength = Arrays.copyOf(wireLength, n);
            linkType = Arrays.copyOf(linkType, n);
            timestampNanos = Arrays.copyOf(timestampNanos, n);
        }
        frameOffset[count] = offset;
        capturedLength[count] = captured;
        wireLength[count] = wire;
        linkType[count] = link;
        timestampNanos[count] = nanos;
        count++;
    }

    /** Number of records in the batch. */
    public int count() {
        return count;
    }

    /** The buffer holding every record's frame. */
    public byte[] data() {
        return data;
    }

    public int frameOffset(int i) {
        return frameOffset[i];
    }

    public int capturedLength(int i) {
        return capturedLength[i];
    }

    public int wireLength(int i) {
        return wireLength[i];
    }

    public int linkType(int i) {
        return linkType[i];
    }

    public long timestampNanos(int i) {
        return timestampNanos[i];
    }
}
