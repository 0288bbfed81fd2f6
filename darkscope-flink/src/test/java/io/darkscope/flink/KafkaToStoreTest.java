package io.darkscope.flink;

import io.darkscope.kafka.KafkaFrames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sensors' frames through Kafka and Flink give the store one process's ingest gives: the
 * simulated captures published by the sensor's publisher, read by the job at several
 * parallelisms from topics of one and three partitions, equal the reference table by table and
 * answer by answer; a batch published twice is counted once.
 */
@ExtendWith(Shared.class)
class KafkaToStoreTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void publish(EmbeddedKafka kafka, Simulation simulation) throws Exception {
        for (int partitions : new int[] {1, 3}) {
            String topic = topic(partitions);
            kafka.createTopic(topic, partitions);
            try (KafkaFrames frames = KafkaFrames.builder(kafka.bootstrapServers(), topic, "sensor-a", dir.resolve("spool-" + topic))
                    .batchBytes(32 << 10).open()) {
                assertThat(simulation.publish(frames)).isPositive();
            }
            resendFirstRecord(kafka, topic);
        }
    }

    private static String topic(int partitions) {
        return "frames-" + partitions;
    }

    /** What a sensor does when a send timed out after the broker wrote it: the same batch again. */
    private static void resendFirstRecord(EmbeddedKafka kafka, String topic) throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers());
        TopicPartition first = new TopicPartition(topic, 0);
        byte[] batch;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(first));
            consumer.seekToBeginning(List.of(first));
            List<ConsumerRecord<byte[], byte[]>> records = List.of();
            while (records.isEmpty()) {
                records = consumer.poll(Duration.ofSeconds(1)).records(first);
            }
            batch = records.get(0).value();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, null, batch)).get();
        }
    }

    @ParameterizedTest(name = "{0} partitions, parallelism {1}")
    @CsvSource({"1, 1", "3, 2", "3, 4", "1, 4"})
    void frameBatchesThroughKafkaAndFlinkGiveTheStoreOfOneIngest(int partitions, int parallelism, EmbeddedKafka kafka,
                                                                  Simulation simulation) throws Exception {
        Path data = dir.resolve("store-" + partitions + "-" + parallelism);
        Jobs.run("--kafka", kafka.bootstrapServers(), "--topic", topic(partitions), "--stop-at-end", "--data", data.toString(),
                "--config", simulation.config.toString(), "--parallelism", String.valueOf(parallelism), "--checkpoint-interval", "1s");
        simulation.assertEqualsReference(data);
    }
}
