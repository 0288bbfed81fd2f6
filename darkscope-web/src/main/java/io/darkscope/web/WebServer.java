package io.darkscope.web;

import io.darkscope.geo.GeoData;
import io.darkscope.query.Json;
import io.darkscope.query.LiveFeed;
import io.darkscope.store.Store;
import io.darkscope.store.StoreException;
import io.darkscope.web.alerts.AlertLog;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * darkscope's HTTP face: the read-only JSON API (every CLI query, GET only), the live feed as
 * server-sent events, the OpenAPI document, the dashboard in English and Japanese, and the
 * yearly reports of the data directory. Nothing is fetched from elsewhere: scripts, the chart
 * library and the world map are served from the classpath. With a token, every request must
 * bear it.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    /** Query services (and store connections) for the request threads. */
    private static final int POOL = 4;
    private static final String SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final Javalin app;
    private final QueryPool pool;
    private final LiveStream live;
    private final String bind;

    private WebServer(Javalin app, QueryPool pool, LiveStream live, String bind) {
        this.app = app;
        this.pool = pool;
        this.live = live;
        this.bind = bind;
    }

    /**
     * Starts serving the store (read through connections of its own, so the caller may go on
     * committing to it from another thread).
     *
     * @param live   the running sensor's samples, or {@link LiveFeed#NONE}
     * @param alerts the alerts to list
     * @throws IOException if the address cannot be bound (the port in use, an address not this machine's)
     */
    public static WebServer start(Store store, GeoData geo, LiveFeed live, AlertLog alerts, WebOptions options)
            throws StoreException, IOException {
        QueryPool pool = new QueryPool(store, geo, POOL);
        LiveStream stream = new LiveStream(live);
        Reports reports = new Reports(store.dataDirectory());
        List<Endpoint> endpoints = Api.endpoints(alerts, reports);
        Dashboard dashboard = new Dashboard();
        Access access = new Access(options.token());
        Javalin app = Javalin.create(config -> configure(config));
        app.before(ctx -> admit(ctx, access));
        app.before("/api/live", ctx -> new Params(ctx.queryParamMap(), List.of()));
        for (Endpoint e : endpoints) {
            app.get(e.path(), ctx -> ctx.json(pool.answer(e.query(), new Params(ctx.queryParamMap(), e.params()))));
        }
        String openApi = OpenApi.document(endpoints).toString();
        app.get("/api/openapi.json", ctx -> {
            new Params(ctx.queryParamMap(), List.of());
            ctx.contentType("application/json").result(openApi);
        });
        app.sse("/api/live", stream);
        app.get("/", ctx -> ctx.html(dashboard.page(new Params(ctx.queryParamMap(), List.of(Param.LANG)).language(options.language()))));
        app.get("/reports/{file}", ctx -> serveReport(ctx, reports));
        app.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(NotFoundResponse.class, (e, ctx) -> error(ctx, 404, "nothing at " + ctx.path() + " (the API's endpoints are in /api/openapi.json)"));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getMessage());
        });
        try {
            app.start(options.bind(), options.port());
        } catch (RuntimeException e) {
            pool.close();
            throw new IOException("cannot serve on " + options.bind() + ":" + options.port() + ": " + rootMessage(e), e);
        }
        return new WebServer(app, pool, stream, options.bind());
    }

    private static void configure(JavalinConfig config) {
        config.showJavalinBanner = false;
        config.startupWatcherEnabled = false;
        config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
        config.staticFiles.enableWebjars();
        config.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.directory = "/io/darkscope/web/static";
            files.location = Location.CLASSPATH;
        });
    }

    /** Every request: GET only, the token if there is one, and headers that keep the page to itself. */
    private static void admit(Context ctx, Access access) {
        ctx.header("Content-Security-Policy", SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        if (ctx.method() != HandlerType.GET) {
            ctx.header("Allow", "GET");
            throw new ApiError(405, "method " + ctx.method() + " not allowed: the API is read-only (GET only)");
        }
        if (!access.allows(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", ctx.path().startsWith("/api/") ? "Bearer realm=\"darkscope\"" : "Basic realm=\"darkscope\"");
            throw new ApiError(401, "this server needs its token: send 'Authorization: Bearer TOKEN'");
        }
    }

    private static void serveReport(Context ctx, Reports reports) throws IOException {
        new Params(ctx.queryParamMap(), List.of());
        var file = reports.file(ctx.pathParam("file")).orElseThrow(() -> new ApiError(404, "no report " + ctx.pathParam("file")));
        try (InputStream in = Files.newInputStream(file)) {
            ctx.contentType(file.toString().endsWith(".pdf") ? "application/pdf" : "text/html; charset=utf-8").result(in.readAllBytes());
        }
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** The port served (the one chosen when 0 was asked). */
    public int port() {
        return app.port();
    }

    /** The dashboard's address. */
    public URI url() {
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Stops serving: live clients are let go, then the server stops and the store connections close. */
    @Override
    public void close() {
        live.stop();
        app.stop();
        pool.close();
    }
}
