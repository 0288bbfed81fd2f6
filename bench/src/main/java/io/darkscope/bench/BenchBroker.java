package io.darkscope.bench;

import io.darkscope.flink.EmbeddedKafka;

import java.nio.file.Path;

/**
 * A Kafka broker for {@code bench/flink.sh}: the tests' single-node KRaft broker on 127.0.0.1,
 * with one topic, until the process is stopped. Prints its address once the topic is ready.
 *
 * <p>{@code BenchBroker LOG_DIR TOPIC PARTITIONS}
 */
public final class BenchBroker {
    private BenchBroker() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedKafka kafka = new EmbeddedKafka(Path.of(args[0])).start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        kafka.createTopic(args[1], Integer.parseInt(args[2]));
        System.out.println(kafka.bootstrapServers());
        Thread.currentThread().join();
    }
}
