package io.darkscope.web.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.darkscope.query.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Phaser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One webhook's deliveries: each alert POSTed as JSON (the {@link Alert} as Json.MAPPER writes it,
 * with its id also in the {@code X-Darkscope-Alert-Id} header for receivers to drop repeats),
 * retried after a failure (no answer, or a status other than 2xx) with a doubling delay until
 * the attempts run out; at most so many alerts a minute, the rest stored as suppressed, not sent.
 */
final class Webhook {
    private static final Logger LOG = LoggerFactory.getLogger(Webhook.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final WebhookConfig config;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final AlertLog log;
    private final Clock clock;
    /** Deliveries under way, for the engine to wait for: one party each until it ends. */
    private final Phaser underWay;
    /** When the alerts accepted in the last minute were accepted. */
    private final Deque<Instant> accepted = new ArrayDeque<>();

    Webhook(WebhookConfig config, HttpClient http, ScheduledExecutorService scheduler, AlertLog log, Clock clock, Phaser underWay) {
        this.underWay = underWay;
        this.config = config;
        this.http = http;
        this.scheduler = scheduler;
        this.log = log;
        this.clock = clock;
    }

    String name() {
        return config.name();
    }

    /** Sends the alert, or suppresses it if the minute's share is used up. */
    void deliver(Alert alert) throws SQLException {
        if (!withinRate()) {
            log.setDelivery(alert.id(), name(), "suppressed", 0, "more than " + config.maxPerMinute() + " alerts in a minute");
            LOG.warn("alert {} not sent to webhook {}: more than {} alerts in a minute", alert.id(), name(), config.maxPerMinute());
            return;
        }
        String body;
        try {
            body = Json.MAPPER.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        underWay.register();
        scheduler.execute(() -> attempt(alert, body, 1));
    }

    private synchronized boolean withinRate() {
        Instant now = clock.instant();
        while (!accepted.isEmpty() && !accepted.peekFirst().isAfter(now.minusSeconds(60))) {
            accepted.removeFirst();
        }
        if (accepted.size() >= config.maxPerMinute()) {
            return false;
        }
        accepted.addLast(now);
        return true;
    }

    private void attempt(Alert alert, String body, int attempt) {
        String error = post(alert, body);
        try {
            if (error != null && attempt < config.attempts()) {
                log.setDelivery(alert.id(), name(), "pending", attempt, error);
                long delay = config.backoff().toMillis() << (attempt - 1);
                scheduler.schedule(() -> attempt(alert, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
                return;
            }
            log.setDelivery(alert.id(), name(), error == null ? "delivered" : "failed", attempt, error);
            if (error != null) {
                LOG.warn("alert {} not delivered to webhook {} after {} attempts: {}", alert.id(), name(), attempt, error);
            }
        } catch (SQLException e) {
            LOG.error("cannot record the delivery of alert {} to webhook {}", alert.id(), name(), e);
        }
        underWay.arriveAndDeregister();
    }

    /** POSTs the alert; null if it was taken, else what went wrong. */
    private String post(Alert alert, String body) {
        HttpRequest request = HttpRequest.newBuilder(config.url()).timeout(TIMEOUT).header("Content-Type", "application/json")
                .header("X-Darkscope-Alert-Id", alert.id()).header("User-Agent", "darkscope").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "HTTP status " + status;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
