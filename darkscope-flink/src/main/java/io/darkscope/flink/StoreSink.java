package io.darkscope.flink;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The darkscope store as a Flink sink, exactly once: the writer gathers the parts of a checkpoint
 * ({@link StoreWriter}), the committer commits them once the checkpoint is complete
 * ({@link StoreCommitter}), with their provenance, which the store uses to refuse a replay. Run
 * it with parallelism 1 where the store is: DuckDB has one writer.
 */
final class StoreSink implements Sink<byte[]>, SupportsCommitter<StoreCommit> {
    private final JobSettings settings;
    private final String topic;

    /** @param topic the Kafka topic the parts come from, or null for capture files */
    StoreSink(JobSettings settings, String topic) {
        this.settings = settings;
        this.topic = topic;
    }

    @Override
    public SinkWriter<byte[]> createWriter(WriterInitContext context) {
        return new StoreWriter(settings.lateness());
    }

    @Override
    public Committer<StoreCommit> createCommitter(CommitterInitContext context) {
        return new StoreCommitter(settings, topic);
    }

    @Override
    public SimpleVersionedSerializer<StoreCommit> getCommittableSerializer() {
        return new StoreCommit.Serializer();
    }
}
