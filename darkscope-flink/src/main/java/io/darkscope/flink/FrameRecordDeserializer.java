package io.darkscope.flink;

import io.darkscope.kafka.FrameBatchCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads frame batches from Kafka; a record that is not one is skipped with a log line (it would fail the job at every restart). */
final class FrameRecordDeserializer implements KafkaRecordDeserializationSchema<FrameRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(FrameRecordDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<FrameRecord> out) {
        byte[] value = record.value();
        FrameBatchCodec.Header header;
        try {
            header = FrameBatchCodec.header(value == null ? new byte[0] : value);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}/{} offset {} skipped: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        out.collect(new FrameRecord(value, record.partition(), record.offset(), Math.floorDiv(header.latestNanos(), 1_000_000L)));
    }

    @Override
    public TypeInformation<FrameRecord> getProducedType() {
        return TypeInformation.of(FrameRecord.class);
    }
}
