package io.darkscope.capture;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * A run of captured frames: the raw bytes and, per frame, where it starts, its captured and
 * wire lengths, link type and timestamp. What every capture source hands the packet pipeline: a
 * file reader fills one in place, a live capture or a Kafka consumer {@link #append appends}
 * frames to it. Batches are reused: a source fills one, the workers decode it, and it goes back
 * to be filled again.
 */
public final class FrameBatch {
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

    public FrameBatch() {
        this(DEFAULT_BYTES);
    }

    public FrameBatch(int bytes) {
        data = new byte[bytes];
        int records = Math.max(16, bytes / 48);
        frameOffset = new int[records];
        capturedLength = new int[records];
        wireLength = new int[records];
        linkType = new int[records];
        timestampNanos = new long[records];
    }

    /** Empties the batch for reuse. */
    public void clear() {
        dataLength = 0;
        count = 0;
    }

    /**
     * Copies one frame to the end of the batch.
     *
     * @param linkType       the LINKTYPE_ value of the interface that captured it
     * @param timestampNanos capture time, nanoseconds since the epoch
     * @param wireLength     the frame's length on the wire
     */
    public void append(int linkType, long timestampNanos, int wireLength, byte[] frame, int offset, int length) {
        if (dataLength + length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + length));
        }
        System.arraycopy(frame, offset, data, dataLength, length);
        add(dataLength, length, wireLength, linkType, timestampNanos);
        dataLength += length;
    }

    /**
     * Moves the frames whose timestamp matches to the end of {@code target}, keeping the order of
     * the frames in both, and packs the bytes of the frames that stay: how a sensor holds back
     * the frames of an interval it has not yet closed.
     */
    public void moveTo(FrameBatch target, LongPredicate byTimestamp) {
        int kept = 0;
        int packed = 0;
        for (int i = 0; i < count; i++) {
            if (byTimestamp.test(timestampNanos[i])) {
                target.append(linkType[i], timestampNanos[i], wireLength[i], data, frameOffset[i], capturedLength[i]);
            } else {
                System.arraycopy(data, frameOffset[i], data, packed, capturedLength[i]); // offsets ascend: never overwrites a later frame
                frameOffset[kept] = packed;
                capturedLength[kept] = capturedLength[i];
                wireLength[kept] = wireLength[i];
                linkType[kept] = linkType[i];
                timestampNanos[kept] = timestampNanos[i];
                packed += capturedLength[i];
                kept++;
            }
        }
        count = kept;
        dataLength = packed;
    }

    /** Bytes of the buffer in use. */
    public int dataLength() {
        return dataLength;
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
