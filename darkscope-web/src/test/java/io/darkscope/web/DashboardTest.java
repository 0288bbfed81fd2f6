package io.darkscope.web;

import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.analysis.traffic.TrafficRows;
import io.darkscope.geo.GeoRows;
import io.darkscope.query.LiveSample;
import io.darkscope.query.QueryService;
import io.darkscope.store.Store;
import io.darkscope.web.alerts.AlertLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in headless Chromium, one browser for every test: it loads in English and in
 * Japanese, every chart and table shows what the query service answers, the traffic chart moves
 * when the sensor's feed publishes, it reads on a phone, it works behind a token, and the console
 * stays free of errors. Screenshots go to target/dashboard-screenshots/. Needs Debian's chromium
 * and chromium-driver (.ci/run installs them).
 */
class DashboardTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("DARKSCOPE_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("DARKSCOPE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final long DAY_MS = 86_400_000L;
    private static ChromeDriver browser;
    private static Store store;
    private static AlertLog alerts;
    private static QueryService service;
    private static WebServer server;
    private static final TestFeed feed = new TestFeed();
    private static LocalDate day;

    @BeforeAll
    static void startBrowserAndServer() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "needs chromium and chromium-driver");
        WebFixture fixture = WebFixture.get();
        store = Store.openReadOnly(fixture.data);
        service = new QueryService(store, fixture.geo);
        alerts = AlertLog.open(store);
        server = WebServer.start(store, fixture.geo, feed, alerts, new WebOptions("127.0.0.1", 0, null, "en"));
        List<TrafficRows.Day> days = service.daily(null, null);
        day = days.get(days.size() - 1).date();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run", "--window-size=1200,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
            server.close();
            alerts.close();
            store.close();
        }
    }

    /** Opens the page and waits for every chart to be drawn. */
    private static void open(WebServer on, String query) {
        browser.get(on.url() + query);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> browser.executeScript("return window.darkscope && (window.darkscope.ready || window.darkscope.error)"));
        assertThat(browser.executeScript("return window.darkscope.error || null")).as("the page's error").isNull();
    }

    private static List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> series(String chart, String id) {
        List<Map<String, Object>> all = (List<Map<String, Object>>) browser.executeScript(
                "return window.darkscope.charts[arguments[0]].getOption().series.map(s => ({id: s.id, data: s.data}));", chart);
        return all.stream().filter(s -> s.get("id").equals(id)).findFirst().map(s -> (List<Object>) s.get("data")).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> axis(String chart, String axis) {
        return (List<Object>) browser.executeScript("return window.darkscope.charts[arguments[0]].getOption()[arguments[1]][0].data;", chart, axis);
    }

    /** A table column's exact values (the cells' data-value), read in one call. */
    @SuppressWarnings("unchecked")
    private static List<String> cells(String table, String field) {
        return (List<String>) browser.executeScript("const t = document.getElementById(arguments[0]);"
                + "const i = Array.from(t.querySelectorAll('th')).findIndex(th => th.dataset.field === arguments[1]);"
                + "return Array.from(t.tBodies[0].rows).map(r => r.cells[i].dataset.value);", table, field);
    }

    private static List<Long> longs(List<?> values) {
        return values.stream().map(v -> v == null ? null : ((Number) v).longValue()).toList();
    }

    @ParameterizedTest
    @CsvSource({"en, darkscope: darknet observatory, Distinct sources per day", "ja, darkscope：ダークネット観測, 日ごとのユニークな送信元数"})
    void everyChartShowsWhatTheQueryServiceAnswers(String language, String title, String dailyHeading) throws Exception {
        open(server, "?lang=" + language);
        assertThat(browser.getTitle()).isEqualTo(title);
        assertThat(browser.findElement(By.cssSelector("html")).getAttribute("lang")).isEqualTo(language);
        assertThat(browser.findElement(By.cssSelector("#daily-section h2")).getText()).isEqualTo(dailyHeading);

        List<TrafficRows.Slot> slots = service.traffic(day.minusDays(1), day, false);
        long last = OffsetDateTime.parse(slots.get(slots.size() - 1).time()).toInstant().toEpochMilli();
        List<TrafficRows.Slot> shown = slots.stream().filter(s -> OffsetDateTime.parse(s.time()).toInstant().toEpochMilli() > last - DAY_MS).toList();
        List<List<Long>> tcp = series("traffic", "tcp").stream().map(p -> longs((List<?>) p)).toList();
        assertThat(tcp).isEqualTo(shown.stream().map(s -> List.of(OffsetDateTime.parse(s.time()).toInstant().toEpochMilli(), s.tcp())).toList());
        assertThat(longs(series("traffic", "other").stream().map(p -> ((List<?>) p).get(1)).toList())).isEqualTo(shown.stream().map(TrafficRows.Slot::other).toList());

        List<TrafficRows.Day> daily = service.daily(day.minusDays(89), day);
        assertThat(axis("daily", "xAxis")).isEqualTo(daily.stream().map(d -> d.date().toString()).toList());
        assertThat(longs(series("daily", "all"))).isEqualTo(daily.stream().map(d -> d.sources().all()).toList());
        assertThat(longs(series("daily", "udp"))).isEqualTo(daily.stream().map(d -> d.sources().udp()).toList());

        List<TrafficRows.Port> ports = service.ports(day, day, 10, null);
        assertThat(axis("ports", "yAxis")).isEqualTo(ports.stream().map(p -> p.port() + "/" + p.proto()).toList());
        assertThat(longs(series("ports", "sources"))).isEqualTo(ports.stream().map(TrafficRows.Port::sources).toList());
        assertThat(cells("ports-table", "packets")).isEqualTo(ports.stream().map(p -> Long.toString(p.packets())).toList());

        List<FingerprintQueries.Row> fingerprints = service.fingerprints(day.minusDays(29), day);
        FingerprintQueries.Row mirai = fingerprints.stream().filter(r -> r.fingerprint().equals("mirai")).findFirst().orElseThrow();
        List<Object> drawn = series("fingerprints", "mirai");
        for (FingerprintQueries.FingerprintDay d : mirai.days()) {
            assertThat(((Number) drawn.get(29 - (int) (day.toEpochDay() - d.date().toEpochDay()))).longValue()).as("mirai on " + d.date()).isEqualTo(d.sources());
        }
        assertThat(cells("fingerprints-table", "fingerprint")).isEqualTo(fingerprints.stream().map(FingerprintQueries.Row::fingerprint).toList());

        List<PortSpec> top = ports.stream().map(p -> PortSpec.parse(p.port() + "/" + p.proto())).toList();
        List<GeoRows.Country> countries = service.countries(top, day, day, 0).stream().filter(c -> c.country().matches("[A-Z]{2}")).toList();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> map = (List<Map<String, Object>>) (List<?>) series("countries", "countries");
        assertThat(map.stream().map(m -> m.get("name") + "=" + m.get("value")).toList())
                .isEqualTo(countries.stream().map(c -> c.country() + "=" + c.sources()).toList());
        assertThat(cells("countries-table", "sources")).isEqualTo(service.countries(top, day, day, 10).stream().map(c -> Long.toString(c.sources())).toList());

        assertThat(cells("events-table", "key")).isEqualTo(service.events(day.minusDays(29), day).stream().map(e -> e.key()).toList());
        assertThat(cells("dos-table", "victim")).isEqualTo(service.dos(day.minusDays(6), day, 10).stream().map(a -> a.victim()).toList());
        assertThat(browser.findElements(By.cssSelector("#credits li")).stream().map(WebElement::getText).toList()).isEqualTo(service.credits());
        assertThat(consoleErrors()).as("console errors and warnings").isEmpty();
        Files.write(SCREENSHOTS.resolve("dashboard-" + language + ".png"), fullPage());
    }

    private static byte[] fullPage() {
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        return java.util.Base64.getDecoder().decode((String) shot.get("data"));
    }

    @Test
    void theTrafficChartMovesWhenTheSensorPublishes() throws Exception {
        open(server, "");
        List<TrafficRows.Slot> slots = service.traffic(day, day, false);
        Instant next = OffsetDateTime.parse(slots.get(slots.size() - 1).time()).toInstant().plusSeconds(300);
        feed.publish(new LiveSample(next.plusSeconds(20), 10, 7, 1, 0, 0));
        feed.publish(new LiveSample(next.plusSeconds(30), 10, 5, 0, 2, 1));
        assertThat(lastPoint("tcp", next)).isEqualTo(List.of(next.toEpochMilli(), 12L));
        assertThat(lastPoint("icmp", next)).isEqualTo(List.of(next.toEpochMilli(), 2L));
        Instant after = next.plusSeconds(300);
        feed.publish(new LiveSample(after.plusSeconds(10), 10, 3, 0, 0, 0));
        assertThat(lastPoint("tcp", after)).isEqualTo(List.of(after.toEpochMilli(), 3L));
        long first = longs((List<?>) series("traffic", "tcp").get(0)).get(0);
        assertThat(first).as("the chart keeps the last 24 hours").isGreaterThan(after.toEpochMilli() - DAY_MS);
        assertThat(browser.findElement(By.id("live-status")).getAttribute("data-samples")).isEqualTo("3");
        assertThat(consoleErrors()).isEmpty();
    }

    /** The traffic series' last point, once it is the slot starting at {@code slot}. */
    private static List<Long> lastPoint(String series, Instant slot) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            List<Object> points = series("traffic", series);
            List<Long> last = longs((List<?>) points.get(points.size() - 1));
            return last.get(0) == slot.toEpochMilli() ? last : null;
        });
    }

    @Test
    void readsOnAPhone() throws Exception {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
        try {
            open(server, "?lang=ja");
            assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth;")).intValue())
                    .as("no sideways scrolling").isLessThanOrEqualTo(0);
            for (WebElement chart : browser.findElements(By.cssSelector(".chart"))) {
                assertThat(chart.getRect().getWidth()).as(chart.getAttribute("id")).isBetween(300, 375);
            }
            Files.write(SCREENSHOTS.resolve("dashboard-ja-375px.png"), fullPage());
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void worksBehindAToken() throws Exception {
        try (WebServer guarded = WebServer.start(store, WebFixture.get().geo, feed, alerts, new WebOptions("127.0.0.1", 0, "browser-token", "en"))) {
            browser.executeCdpCommand("Network.enable", Map.of());
            browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Bearer browser-token")));
            try {
                open(guarded, "");
                assertThat(browser.findElements(By.cssSelector("#ports-table tbody tr"))).hasSize(service.ports(day, day, 10, null).size());
                assertThat(consoleErrors()).isEmpty();
            } finally {
                browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
            }
        }
    }
}
