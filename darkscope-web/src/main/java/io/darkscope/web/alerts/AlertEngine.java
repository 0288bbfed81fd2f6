package io.darkscope.web.alerts;

import io.darkscope.query.QueryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Raises alerts: after each commit the sensor asks {@link #check} about the day it committed;
 * every rule looks at the day through the query service, each alert it finds is stored once
 * (its id is rule, key and day: asking again raises nothing new), logged in a line, and sent to
 * every webhook in the background, so a slow receiver never holds the sensor up.
 */
public final class AlertEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);
    /** How long {@link #close} waits for deliveries and their retries. */
    private static final Duration DRAIN = Duration.ofMinutes(2);
    private final AlertConfig config;
    private final AlertLog log;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "darkscope-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final List<Webhook> webhooks = new ArrayList<>();
    /** The engine, and each delivery while under way. */
    private final Phaser underWay = new Phaser(1);

    public AlertEngine(AlertConfig config, AlertLog log) {
        this(config, log, Clock.systemUTC());
    }

    AlertEngine(AlertConfig config, AlertLog log, Clock clock) {
        this.config = config;
        this.log = log;
        this.clock = clock;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        config.webhooks().forEach(w -> webhooks.add(new Webhook(w, http, scheduler, log, clock, underWay)));
    }

    /**
     * Looks for alerts about a day (the one just committed) and raises those not raised before.
     *
     * @return the alerts raised now
     */
    public List<Alert> check(QueryService service, LocalDate day) throws SQLException {
        List<Alert> raised = new ArrayList<>();
        List<String> names = webhooks.stream().map(Webhook::name).toList();
        for (AlertRule rule : config.rules()) {
            for (Alert alert : rule.find(service, day, clock.instant())) {
                if (log.add(alert, names)) {
                    LOG.info("alert {}: {}", alert.id(), alert.summary());
                    raised.add(alert);
                    for (Webhook w : webhooks) {
                        w.deliver(alert);
                    }
                }
            }
        }
        return raised;
    }

    /** Waits for the deliveries under way and their retries (two minutes at most), then stops. */
    @Override
    public void close() throws InterruptedException {
        try {
            underWay.awaitAdvanceInterruptibly(underWay.arrive(), DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("alert deliveries still under way after {}; stopped", DRAIN);
        }
        scheduler.shutdownNow();
    }
}
