package io.darkscope.web;

import io.darkscope.query.Json;
import io.darkscope.query.LiveFeed;
import io.darkscope.query.LiveSample;
import io.javalin.http.sse.SseClient;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * /api/live: the sensor's samples as server-sent events (event "sample", data a {@link LiveSample}
 * in JSON), the recent ones first, each once. The sensor's thread only offers a sample to each client's
 * queue, so a slow client never holds the sensor up: it loses samples instead. Each client is
 * served on its request thread until it goes away or the server stops.
 */
final class LiveStream implements Consumer<SseClient> {
    /** Samples a client may fall behind by before it loses some. */
    private static final int QUEUE = 1024;
    /** A comment this often finds clients that went away. */
    private static final long HEARTBEAT_SECONDS = 15;
    private final LiveFeed feed;
    private volatile boolean stopping;

    LiveStream(LiveFeed feed) {
        this.feed = feed;
    }

    @Override
    public void accept(SseClient client) {
        BlockingQueue<LiveSample> queue = new ArrayBlockingQueue<>(QUEUE);
        try (AutoCloseable subscription = feed.subscribe(queue::offer)) {
            Instant sent = Instant.MIN;
            for (LiveSample sample : feed.recent()) {
                send(client, sample);
                sent = sample.time();
            }
            long idleSince = System.nanoTime();
            while (!stopping && !client.terminated()) {
                LiveSample sample = queue.poll(200, TimeUnit.MILLISECONDS);
                if (sample != null && sample.time().isAfter(sent)) { // a sample of the recent ones may be queued too
                    send(client, sample);
                    sent = sample.time();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(HEARTBEAT_SECONDS)) {
                    client.sendComment("heartbeat");
                    idleSince = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot end a live subscription: " + e.getMessage(), e);
        }
    }

    private static void send(SseClient client, LiveSample sample) {
        try {
            client.sendEvent("sample", Json.MAPPER.writeValueAsString(sample));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets every client's loop end, before the server stops. */
    void stop() {
        stopping = true;
    }
}
