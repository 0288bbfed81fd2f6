package io.darkscope.cli;

import io.darkscope.geo.GeoData;
import io.darkscope.query.LiveFeed;
import io.darkscope.store.Store;
import io.darkscope.web.WebOptions;
import io.darkscope.web.WebServer;
import io.darkscope.web.alerts.AlertLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code darkscope serve}: the JSON API and the dashboard over a store, read-only, until interrupted. */
@Command(name = "serve", description = {"Serves the store read-only: the JSON API (/api/..., /api/openapi.json) and the dashboard (/).",
    "Binds to 127.0.0.1 unless told otherwise; any other address needs a token. Runs until interrupted (Ctrl-C)."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    GeoOptions geoOptions;

    @Mixin
    WebServing serving;

    @Override
    public Integer call() throws Exception {
        WebOptions options = serving.options();
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            interrupted.countDown();
            awaitQuietly(stopped);
        }));
        try (Store store = Store.openReadOnly(data.data); GeoData geo = geoOptions.open(data.data); AlertLog alerts = AlertLog.open(store);
             WebServer server = WebServer.start(store, geo, LiveFeed.NONE, alerts, options)) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("darkscope: serving " + data.data + " at " + server.url() + (options.token() != null ? " (token required)" : ""));
            out.flush();
            interrupted.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped by its caller (a test, an embedding program): as by Ctrl-C
        } finally {
            stopped.countDown();
        }
        return 0;
    }

    /** The shutdown hook lets the server close before the JVM ends, for a few seconds at most. */
    private static void awaitQuietly(CountDownLatch stopped) {
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
