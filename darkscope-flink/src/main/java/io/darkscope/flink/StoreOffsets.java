package io.darkscope.flink;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a job that starts afresh (not from a checkpoint) begins reading each partition: after
 * the offsets the store has committed, or at the partition's beginning. The store, not Kafka's
 * consumer group, says what was counted, so a new job neither skips nor repeats records.
 */
final class StoreOffsets implements OffsetsInitializer {
    private final Map<Integer, Long> committed;

    StoreOffsets(Map<Integer, Long> committed) {
        this.committed = new HashMap<>(committed);
    }

    @Override
    public Map<TopicPartition, Long> getPartitionOffsets(Collection<TopicPartition> partitions, PartitionOffsetsRetriever retriever) {
        Map<TopicPartition, Long> offsets = new HashMap<>(retriever.beginningOffsets(List.copyOf(partitions)));
        for (TopicPartition p : partitions) {
            Long next = committed.get(p.partition());
            if (next != null) {
                offsets.merge(p, next, Math::max);
            }
        }
        return offsets;
    }

    @Override
    @SuppressWarnings("deprecation") // the connector's interface still names Kafka's deprecated enum
    public OffsetResetStrategy getAutoOffsetResetStrategy() {
        return OffsetResetStrategy.EARLIEST;
    }
}
