package io.darkscope.cli;

import io.darkscope.kafka.KafkaFrames;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** Where ingest and observe publish frames for {@code darkscope flink} to count: a Kafka topic. */
final class KafkaOptions {
    @Option(names = "--kafka", paramLabel = "BROKERS",
            description = "Publish the frames to Kafka (host:port[,...]) for 'darkscope flink' to count; unsent batches wait in DATA/kafka-spool.")
    String brokers;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "darkscope-frames", description = "The topic --kafka publishes to (default: ${DEFAULT-VALUE}).")
    String topic;

    boolean publishing() {
        return brokers != null;
    }

    /**
     * A publisher named {@code sensor}; batches the broker cannot take wait in a spool of its own
     * under the data directory and go first the next time.
     */
    KafkaFrames open(String sensor, Path data) throws IOException {
        return KafkaFrames.open(brokers, topic, sensor, data.resolve("kafka-spool").resolve(sensor));
    }

    /** The topic and brokers, for messages. */
    String describe() {
        return topic + " at " + brokers;
    }
}
