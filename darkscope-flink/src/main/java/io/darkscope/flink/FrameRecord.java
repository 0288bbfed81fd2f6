package io.darkscope.flink;

/**
 * One Kafka record of a frames topic: a sensor's batch ({@link io.darkscope.kafka.FrameBatchCodec})
 * and where it was read, the provenance the store records. A Flink POJO: public fields and a
 * public no-argument constructor.
 */
public final class FrameRecord {
    public byte[] batch;
    public int partition;
    public long offset;
    /** Event time: the batch's latest frame, milliseconds since the epoch. */
    public long latestMillis;

    public FrameRecord() {
    }

    FrameRecord(byte[] batch, int partition, long offset, long latestMillis) {
        this.batch = batch;
        this.partition = partition;
        this.offset = offset;
        this.latestMillis = latestMillis;
    }
}
