package io.darkscope.kafka;

import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.FrameBatch;
import io.darkscope.decode.DecodeResult;
import io.darkscope.decode.PacketDecoder;
import io.darkscope.decode.PacketView;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sensor's publisher: captured frames go to a Kafka topic in compact batches
 * ({@link FrameBatchCodec}), each batch holding frames of one partition. A frame's partition
 * comes from its source address (a hash of it, modulo the topic's partitions), so one source's
 * packets always meet in one partition; a frame that is not IP has no source and goes to the
 * partition of its link type. Every batch carries the sensor id, the publisher's run and a
 * sequence number per partition, so the Flink job drops a batch that arrives twice.
 *
 * <p>The producer is idempotent and waits for every in-sync replica. When the broker cannot take
 * a batch, the publisher says so once and keeps every batch from then on in a spool directory,
 * up to a byte cap (beyond it batches are dropped and counted); a background thread sends the
 * spool, oldest first, when the broker is back, and new batches go straight to Kafka again once
 * the spool is empty. A spool left by an earlier run is sent first. Batches stay in order but
 * for those in flight when the broker went away: the producer gives them up after
 * {@code delivery.timeout.ms} (30 s), and they are spooled then, after the ones spooled
 * meanwhile; the job's lateness bound (an hour) covers them.
 *
 * <p>One thread sends; {@link #close} sends what is pending and waits a while for the spool.
 */
public final class KafkaFrames implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KafkaFrames.class.getName());

    private final String topic;
    private final String sensor;
    private final long run = new SecureRandom().nextLong();
    private final Settings settings;
    private final KafkaProducer<byte[], byte[]> producer;
    private final FrameBatchCodec.Builder[] pending;
    private final long[] sequences;
    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketView view = new PacketView();
    private final Spool spool;
    private final Thread drainer;
    private final Object lock = new Object();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private boolean spooling;
    private boolean warnedFull;
    private volatile boolean closing;
    private long lastPublished = System.nanoTime();

    private KafkaFrames(Settings settings, KafkaProducer<byte[], byte[]> producer, int partitions, Spool spool) {
        this.topic = settings.topic;
        this.sensor = settings.sensor;
        this.settings = settings;
        this.producer = producer;
        this.spool = spool;
        this.pending = new FrameBatchCodec.Builder[partitions];
        this.sequences = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            pending[p] = new FrameBatchCodec.Builder();
        }
        spooling = !spool.isEmpty();
        drainer = new Thread(this::drainWhileOpen, "darkscope-kafka-spool");
        drainer.setDaemon(true);
        drainer.start();
    }

    /**
     * Opens a publisher with the default settings.
     *
     * @param brokers  Kafka's bootstrap servers, host:port[,host:port...]
     * @param sensorId this sensor's name, the same across its runs
     * @param spoolDir where batches wait while the broker is unreachable
     * @throws IOException if the topic's partitions cannot be learnt (no broker answers) or the spool cannot be read
     */
    public static KafkaFrames open(String brokers, String topic, String sensorId, Path spoolDir) throws IOException {
        return builder(brokers, topic, sensorId, spoolDir).open();
    }

    /** Settings beyond the defaults: the spool's cap, batch size, linger, producer properties. */
    public static Settings builder(String brokers, String topic, String sensorId, Path spoolDir) {
        return new Settings(brokers, topic, sensorId, spoolDir);
    }

    /** How a publisher publishes; {@link #open} starts one. */
    public static final class Settings {
        private final String topic;
        private final String sensor;
        private final Path spoolDir;
        private final Map<String, Object> producer = new HashMap<>();
        private long spoolBytes = 1L << 30;
        private int batchBytes = 256 << 10;
        private Duration linger = Duration.ofSeconds(1);
        private Duration closeWait = Duration.ofSeconds(30);
        private Duration metadataWait = Duration.ofSeconds(30);

        private Settings(String brokers, String topic, String sensor, Path spoolDir) {
            this.topic = topic;
            this.sensor = sensor;
            this.spoolDir = spoolDir;
            producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
            producer.put(ProducerConfig.ACKS_CONFIG, "all");
            producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            // a retried first batch must not be overtaken by the next (KAFKA-14359 loses a fresh partition's queue otherwise)
            producer.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            producer.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            producer.put(ProducerConfig.LINGER_MS_CONFIG, 10);
            producer.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
            // during an outage every send waits this long for metadata: once, then the spool takes over
            producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
            producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            producer.put(ProducerConfig.CLIENT_ID_CONFIG, "darkscope-" + sensor);
        }

        /** The most the spool may hold on disk (default 1 GiB); beyond it batches are dropped and counted. */
        public Settings spoolBytes(long bytes) {
            spoolBytes = bytes;
            return this;
        }

        /** Frame bytes gathered per partition before a batch is sent (default 256 KiB). */
        public Settings batchBytes(int bytes) {
            batchBytes = bytes;
            return this;
        }

        /** The longest frames wait to fill a batch (default 1 s). */
        public Settings linger(Duration d) {
            linger = d;
            return this;
        }

        /** How long {@link #close} waits for the spool to empty (default 30 s). */
        public Settings closeWait(Duration d) {
            closeWait = d;
            return this;
        }

        /** A Kafka producer property, e.g. {@code delivery.timeout.ms}. */
        public Settings producerProperty(String key, Object value) {
            producer.put(key, value);
            return this;
        }

        public KafkaFrames open() throws IOException {
            Spool spool = new Spool(spoolDir, spoolBytes);
            KafkaProducer<byte[], byte[]> kafka = new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer());
            try {
                return new KafkaFrames(this, kafka, partitions(kafka), spool);
            } catch (IOException | RuntimeException e) {
                kafka.close(Duration.ZERO);
                spool.close();
                throw e;
            }
        }

        private int partitions(KafkaProducer<byte[], byte[]> kafka) throws IOException {
            long deadline = System.nanoTime() + metadataWait.toNanos();
            while (true) {
                try {
                    return kafka.partitionsFor(topic).size();
                } catch (TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("no Kafka broker at " + producer.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)
                                + " told the partitions of topic '" + topic + "' within " + metadataWait.toSeconds() + " s", e);
                    }
                }
            }
        }
    }

    /** Publishes a batch's frames (they are copied: the batch can be reused at once). */
    public void send(FrameBatch batch) {
        for (int i = 0, n = batch.count(); i < n; i++) {
            int p = partitionOf(batch, i);
            pending[p].add(batch.linkType(i), batch.timestampNanos(i), batch.wireLength(i), batch.data(), batch.frameOffset(i),
                    batch.capturedLength(i));
            if (pending[p].bytes() >= settings.batchBytes) {
                publish(p);
            }
        }
        if (System.nanoTime() - lastPublished >= settings.linger.toNanos()) {
            publishPending();
        }
    }

    /** Publishes every record of a capture; returns how many. */
    public long sendAll(CaptureReader reader) {
        FrameBatch batch = new FrameBatch();
        while (reader.next(batch)) {
            send(batch);
        }
        return reader.records();
    }

    /** Sends the frames still gathering and waits until the broker acknowledged or refused each batch in flight. */
    public void flush() {
        publishPending();
        producer.flush();
    }

    private int partitionOf(FrameBatch b, int i) {
        DecodeResult result = decoder.decode(b.linkType(i), b.data(), b.frameOffset(i), b.capturedLength(i), b.wireLength(i),
                b.timestampNanos(i), view);
        if (result != DecodeResult.IP) {
            return Math.floorMod(b.linkType(i), pending.length);
        }
        long source = view.isIpv4() ? view.src4() : view.srcHi() ^ view.srcLo();
        return Math.floorMod((int) ((source * 0x9E3779B97F4A7C15L) >>> 32), pending.length);
    }

    private void publishPending() {
        for (int p = 0; p < pending.length; p++) {
            if (pending[p].count() > 0) {
                publish(p);
            }
        }
        lastPublished = System.nanoTime();
    }

    private void publish(int partition) {
        byte[] value = pending[partition].build(sensor, run, sequences[partition]++);
        pending[partition].clear();
        synchronized (lock) {
            if (spooling) {
                keep(partition, value);
                return;
            }
        }
        try {
            producer.send(new ProducerRecord<>(topic, partition, null, value), (RecordMetadata md, Exception e) -> {
                if (e == null) {
                    acknowledged.incrementAndGet();
                } else {
                    refused(partition, value, e);
                }
            });
        } catch (RuntimeException e) {
            refused(partition, value, e);
        }
    }

    private void refused(int partition, byte[] value, Exception cause) {
        synchronized (lock) {
            if (!spooling) {
                spooling = true;
                LOG.log(System.Logger.Level.WARNING, "Kafka does not take batches for " + topic + " (" + cause.getMessage() + "): keeping them in "
                        + spool.dir() + ", up to " + (settings.spoolBytes >> 20) + " MiB, until it does");
            }
            keep(partition, value);
        }
    }

    /** Spools a batch (holding the lock), or drops it if the spool is full. */
    private void keep(int partition, byte[] value) {
        try {
            if (spool.append(partition, value)) {
                spooled.incrementAndGet();
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the spool in " + spool.dir(), e);
        }
        dropped.incrementAndGet();
        if (!warnedFull) {
            warnedFull = true;
            LOG.log(System.Logger.Level.WARNING, "the spool in " + spool.dir() + " is full (" + (settings.spoolBytes >> 20)
                    + " MiB): batches are dropped until Kafka takes them again");
        }
    }

    private void drainWhileOpen() {
        while (!closing || spoolingNow()) {
            try {
                if (spoolingNow()) {
                    drain();
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot send the spool in " + spool.dir() + ": " + e.getMessage());
            }
        }
    }

    private boolean spoolingNow() {
        synchronized (lock) {
            return spooling;
        }
    }

    /** Sends the spool oldest segment first; back to direct sending once it is empty. */
    private void drain() throws IOException, InterruptedException {
        long resent = 0;
        while (true) {
            for (Path segment : spool.seal()) {
                List<Spool.Entry> entries = Spool.read(segment);
                if (!sendAll(entries)) {
                    return; // Kafka still away: the whole segment again later (the job drops what arrived twice)
                }
                resent += entries.size();
                spool.delete(segment);
            }
            synchronized (lock) {
                if (spool.isEmpty()) {
                    spooling = false;
                    warnedFull = false;
                    LOG.log(System.Logger.Level.INFO, "Kafka takes batches for " + topic + " again: " + resent + " sent from the spool");
                    return;
                }
            }
        }
    }

    private boolean sendAll(List<Spool.Entry> entries) throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try {
            for (Spool.Entry e : entries) {
                sent.add(producer.send(new ProducerRecord<>(topic, e.partition(), null, e.batch())));
            }
        } catch (RuntimeException e) {
            return false;
        }
        boolean all = true;
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
                acknowledged.incrementAndGet();
            } catch (ExecutionException e) {
                all = false;
            }
        }
        return all;
    }

    /** Batches the broker acknowledged, directly or from the spool (a batch resent after a timeout may count twice). */
    public long batchesAcknowledged() {
        return acknowledged.get();
    }

    /** Batches that went to the spool. */
    public long batchesSpooled() {
        return spooled.get();
    }

    /** Batches lost because the spool was full. */
    public long batchesDropped() {
        return dropped.get();
    }

    /** Bytes waiting in the spool. */
    public long spoolBytes() {
        return spool.bytes();
    }

    /**
     * Sends what is pending, waits (at most the close wait) for the spool to empty, and closes.
     * Batches still spooled stay on disk for the next run.
     */
    @Override
    public void close() {
        flush();
        closing = true;
        try {
            drainer.join(settings.closeWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainer.interrupt();
        producer.close(settings.closeWait);
        try {
            spool.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!spool.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, (spool.bytes() >> 10) + " KiB of batches stay in " + spool.dir()
                    + ": the publisher sends them first when it opens again");
        }
    }
}
