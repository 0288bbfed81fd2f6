package io.darkscope.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.decode.IpProtocol;
import io.darkscope.geo.Attribution;
import io.darkscope.query.Json;
import io.darkscope.query.LiveSample;
import io.darkscope.query.QueryService;
import io.darkscope.store.Store;
import io.darkscope.web.alerts.AlertLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JSON API against the query service: every endpoint answers what QueryService answers for
 * the same parameters, in the CLI's JSON; bad parameters are refused with 400 and a message that
 * names them; nothing but GET is served; a token, when set, is required everywhere.
 */
class ApiTest {
    private static final LocalDate PEAK = LocalDate.of(2016, 9, 20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Store store;
    private static AlertLog alerts;
    private static QueryService service;
    private static WebServer server;
    private static final TestFeed feed = new TestFeed();

    @BeforeAll
    static void serve() throws Exception {
        WebFixture fixture = WebFixture.get();
        store = Store.openReadOnly(fixture.data);
        service = new QueryService(store, fixture.geo);
        alerts = AlertLog.open(store);
        server = WebServer.start(store, fixture.geo, feed, alerts, new WebOptions("127.0.0.1", 0, null, "en"));
    }

    @AfterAll
    static void stop() {
        server.close();
        alerts.close();
        store.close();
    }

    /**
     * A GET; on a client of its own for the guarded server: a JDK client that was answered 401
     * to a request without credentials was seen answered 401 to the later ones with the right
     * token, which curl has the server accept on one connection just the same.
     */
    private static HttpResponse<String> get(WebServer on, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(on.url().resolve(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return (on == server ? HTTP : HttpClient.newHttpClient()).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(server, path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return Json.MAPPER.readTree(response.body());
    }

    /** The answer as JSON text read back, so that numbers compare by value whatever their Java type. */
    private static JsonNode expected(Object answer) throws Exception {
        return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(answer));
    }

    @Test
    void statisticsEqualTheQueryServiceForTheSameParameters() throws Exception {
        List<PortSpec> telnet = List.of(new PortSpec(23, IpProtocol.TCP), new PortSpec(2323, IpProtocol.TCP));
        LocalDate from = LocalDate.of(2016, 9, 10);
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("/api/stats/yearly", service.yearly());
        cases.put("/api/stats/daily", service.daily(null, null));
        cases.put("/api/stats/daily?from=2016-09-10&to=2016-09-20", service.daily(from, PEAK));
        cases.put("/api/stats/ports", service.ports(null, null, 20, null));
        cases.put("/api/stats/ports?top=3&proto=udp&from=2016-09-10", service.ports(from, null, 3, IpProtocol.UDP));
        cases.put("/api/stats/ports?top=0&to=2016-09-20", service.ports(null, PEAK, 0, null));
        cases.put("/api/stats/sources?port=23/tcp,2323/tcp&from=2016-09-10&to=2016-09-20", service.sources(telnet, from, PEAK, null));
        cases.put("/api/stats/sources?port=2323&country=br", service.sources(List.of(new PortSpec(2323, IpProtocol.TCP)), null, null, "BR"));
        cases.put("/api/stats/traffic?from=2016-09-20&to=2016-09-20", service.traffic(PEAK, PEAK, false));
        cases.put("/api/stats/traffic?from=2016-09-19&to=2016-09-20&resolution=1h", service.traffic(PEAK.minusDays(1), PEAK, true));
        cases.put("/api/stats/countries?port=23/tcp,2323/tcp&date=2016-09-20&top=3", service.countries(telnet, PEAK, PEAK, 3));
        cases.put("/api/stats/countries?port=23/tcp&from=2016-09-10&to=2016-09-20", service.countries(telnet.subList(0, 1), from, PEAK, 10));
        cases.put("/api/stats/networks?port=23/tcp,2323/tcp&date=2016-09-20", service.networks(telnet, PEAK, PEAK, null, Attribution.By.ASN, 10));
        cases.put("/api/stats/networks?port=2323/tcp&from=2016-09-10&to=2016-09-20&country=BR&by=prefix16&top=5",
                service.networks(telnet.subList(1, 2), from, PEAK, "BR", Attribution.By.PREFIX16, 5));
        cases.put("/api/fingerprints", service.fingerprints(null, null));
        cases.put("/api/fingerprints?from=2016-09-10&to=2016-09-20", service.fingerprints(from, PEAK));
        cases.put("/api/dos", service.dos(null, null, 20));
        cases.put("/api/dos?top=0&from=2016-09-10", service.dos(from, null, 0));
        cases.put("/api/events", service.events(null, null));
        cases.put("/api/events?from=2016-09-25&to=2016-09-25", service.events(LocalDate.of(2016, 9, 25), LocalDate.of(2016, 9, 25)));
        cases.put("/api/health", service.health(null, null));
        cases.put("/api/credits", service.credits());
        cases.put("/api/alerts", List.of());
        for (Map.Entry<String, Object> c : cases.entrySet()) {
            assertThat(json(c.getKey())).as(c.getKey()).isEqualTo(expected(c.getValue()));
        }
        assertThat(json("/api/events")).as("the scenario's outbreaks are there to serve").hasSizeGreaterThan(1);
        assertThat(json("/api/dos?top=0")).as("and its DoS attacks").isNotEmpty();
    }

    @Test
    void answersHaveTheFieldsTheReadmeDocuments() throws Exception {
        assertThat(fields(json("/api/stats/daily").get(0))).containsExactly("date", "packets", "sources");
        assertThat(fields(json("/api/stats/daily").get(0).get("packets"))).containsExactly("tcp", "udp", "icmp", "other", "total");
        assertThat(fields(json("/api/stats/ports").get(0))).containsExactly("port", "proto", "packets", "share", "sources");
        assertThat(fields(json("/api/stats/traffic?from=2016-09-20&to=2016-09-20").get(0))).containsExactly("time", "tcp", "udp", "icmp", "other", "total");
        assertThat(fields(json("/api/stats/countries?port=23/tcp&date=2016-09-20").get(0))).containsExactly("country", "sources", "share");
        assertThat(fields(json("/api/dos").get(0))).containsExactly("victim", "first_seen", "last_seen", "packets", "duration_seconds",
                "peak_packets_per_second", "estimated_attack_packets_per_second", "ports");
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/stats/daily?from=2016-02-30|parameter 'from' = '2016-02-30': not a day; allowed: a day that exists, as YYYY-MM-DD",
        "/api/stats/daily?to=20160920|parameter 'to' = '20160920': not a day",
        "/api/stats/daily?from=2016-09-20&to=2016-09-10|parameter 'to' = '2016-09-10': before from = '2016-09-20'",
        "/api/stats/sources?port=70000/tcp|parameter 'port' = '70000/tcp': port 70000 out of range 0-65535; allowed: ports 0-65535 with tcp, udp or sctp",
        "/api/stats/sources?port=23/xyz|parameter 'port' = '23/xyz': unknown protocol 'xyz'",
        "/api/stats/sources?port=23/icmp|parameter 'port' = '23/icmp': protocol icmp has no ports",
        "/api/stats/sources?port=23/tcp&country=XX|parameter 'country' = 'XX': not a country code; allowed: an ISO 3166-1 alpha-2",
        "/api/stats/sources?port=23/tcp&country=JPN|parameter 'country' = 'JPN': not a country code",
        "/api/stats/sources?from=2016-09-20|parameter 'port': required; allowed: ports 0-65535",
        "/api/stats/ports?top=-1|parameter 'top' = '-1': not a count; allowed: an integer, 0 or more (0: all)",
        "/api/stats/ports?top=ten|parameter 'top' = 'ten': not a count",
        "/api/stats/ports?proto=icmp|parameter 'proto' = 'icmp': a protocol without ports; allowed: tcp, udp or sctp",
        "/api/stats/ports?proto=xyz|parameter 'proto' = 'xyz': unknown protocol; allowed: tcp, udp or sctp",
        "/api/stats/ports?port=23/tcp|parameter 'port': unknown parameter; allowed: from, proto, to, top",
        "/api/stats/yearly?year=2016|parameter 'year': unknown parameter; allowed: none",
        "/api/stats/daily?from=2016-09-01&from=2016-09-02|parameter 'from': given 2 times; allowed: once",
        "/api/stats/traffic?resolution=10m|parameter 'resolution' = '10m': unknown resolution; allowed: 5m or 1h",
        "/api/stats/countries?port=23/tcp&date=2016-09-20&from=2016-09-01|parameter 'date' = '2016-09-20': given with from or to",
        "/api/stats/networks?port=23/tcp&by=prefix8|parameter 'by' = 'prefix8': unknown grouping; allowed: asn, prefix (a /24), prefix16 or prefix24",
        "/api/live?since=now|parameter 'since': unknown parameter",
        "/?lang=fr|parameter 'lang' = 'fr': unknown language; allowed: en or ja"})
    void badParametersAreRefusedWithAMessageNamingThem(String path, String message) throws Exception {
        HttpResponse<String> response = get(server, path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(fields(body)).containsExactly("error");
        assertThat(body.get("error").asText()).startsWith(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void nothingButGetIsServed(String method) throws Exception {
        for (String path : List.of("/api/stats/yearly", "/api/alerts", "/", "/api/nothing-here")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.url().resolve(path))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        }
    }

    @Test
    void openApiDescribesEveryEndpointAndParameter() throws Exception {
        JsonNode doc = json("/api/openapi.json");
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("/api/stats/yearly", List.of());
        expected.put("/api/stats/daily", List.of("from", "to"));
        expected.put("/api/stats/ports", List.of("from", "to", "top", "proto"));
        expected.put("/api/stats/sources", List.of("port", "from", "to", "country"));
        expected.put("/api/stats/traffic", List.of("from", "to", "resolution"));
        expected.put("/api/stats/countries", List.of("port", "date", "from", "to", "top"));
        expected.put("/api/stats/networks", List.of("port", "date", "from", "to", "country", "by", "top"));
        expected.put("/api/fingerprints", List.of("from", "to"));
        expected.put("/api/dos", List.of("from", "to", "top"));
        expected.put("/api/events", List.of("from", "to"));
        expected.put("/api/health", List.of("from", "to"));
        expected.put("/api/alerts", List.of("from", "to"));
        expected.put("/api/credits", List.of());
        expected.put("/api/reports", List.of());
        expected.put("/api/live", List.of());
        expected.put("/api/openapi.json", List.of());
        assertThat(fields(doc.get("paths"))).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((path, params) -> {
            List<String> names = new ArrayList<>();
            doc.get("paths").get(path).get("get").get("parameters").forEach(p -> names.add(p.get("name").asText()));
            assertThat(names).as(path).containsExactlyElementsOf(params);
        });
        JsonNode port = doc.at("/paths/~1api~1stats~1ports/get/responses/200/content/application~1json/schema/items/properties");
        assertThat(fields(port)).containsExactly("port", "proto", "packets", "share", "sources");
        assertThat(doc.at("/paths/~1api~1stats~1sources/get/parameters/0/required").asBoolean()).isTrue();
    }

    @Test
    void liveSendsTheRecentSamplesThenEachNewOne() throws Exception {
        LiveSample first = new LiveSample(Instant.parse("2016-10-05T23:59:50Z"), 5, 10, 2, 1, 0);
        LiveSample next = new LiveSample(Instant.parse("2016-10-05T23:59:55Z"), 5, 12, 3, 0, 1);
        feed.publish(first);
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(server.url().resolve("/api/live")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(nextData(lines)).isEqualTo(expected(first));
            while (feed.subscribers() == 0) {
                Thread.sleep(10);
            }
            feed.publish(next);
            assertThat(nextData(lines)).isEqualTo(expected(next));
        }
        assertThat(expected(next).get("time").asText()).isEqualTo("2016-10-05T23:59:55Z");
    }

    private static JsonNode nextData(BufferedReader lines) throws Exception {
        String event = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                assertThat(event).isEqualTo("sample");
                return Json.MAPPER.readTree(line.substring(5).strip());
            }
        }
        throw new AssertionError("the stream ended");
    }

    @Test
    void aTokenIsRequiredForEveryRequestAndComparedExactly() throws Exception {
        try (WebServer guarded = WebServer.start(store, WebFixture.get().geo, feed, alerts, new WebOptions("127.0.0.1", 0, "s3cret-token", "ja"))) {
            for (String path : List.of("/api/stats/yearly", "/", "/static/dashboard.js", "/webjars/echarts/5.3.1/dist/echarts.min.js",
                    "/api/openapi.json", "/api/live")) {
                assertThat(get(guarded, path).statusCode()).as(path + " without a token").isEqualTo(401);
                assertThat(get(guarded, path, "Authorization", "Bearer s3cret-tokeN").statusCode()).as(path + " with a wrong token").isEqualTo(401);
                assertThat(get(guarded, path, "Authorization", "Bearer s3cret-token-and-more").statusCode()).isEqualTo(401);
            }
            HttpResponse<String> refused = get(guarded, "/api/stats/yearly");
            assertThat(Json.MAPPER.readTree(refused.body()).get("error").asText()).contains("Authorization: Bearer");
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(get(guarded, "/").headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            HttpResponse<String> yearly = get(guarded, "/api/stats/yearly", "Authorization", "Bearer s3cret-token");
            assertThat(yearly.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(yearly.body())).isEqualTo(expected(service.yearly()));
            String basic = "Basic " + Base64.getEncoder().encodeToString("anyone:s3cret-token".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> page = get(guarded, "/", "Authorization", basic);
            assertThat(page.statusCode()).as("a browser's Basic credentials with the token as password").isEqualTo(200);
            assertThat(page.body()).contains("<html lang=\"ja\"");
            assertThat(get(guarded, "/static/world.json", "Authorization", basic).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theDataDirectorysReportsAreListedAndServed() throws Exception {
        Path report = WebFixture.get().data.resolve("report-2016-ja.html");
        Files.writeString(report, "<html lang=\"ja\">2016</html>");
        try {
            assertThat(json("/api/reports").toString()).isEqualTo("[{\"file\":\"report-2016-ja.html\",\"year\":2016,\"language\":\"ja\",\"format\":\"html\"}]");
            HttpResponse<String> served = get(server, "/reports/report-2016-ja.html");
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo("<html lang=\"ja\">2016</html>");
            assertThat(get(server, "/reports/darkscope.duckdb").statusCode()).isEqualTo(404);
        } finally {
            Files.delete(report);
        }
    }

    @Test
    void aServerOffLoopbackNeedsAToken() {
        assertThatThrownBy(() -> new WebOptions("0.0.0.0", 8642, null, "en")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to serve on 0.0.0.0 without a token");
        assertThatThrownBy(() -> new WebOptions("::", 8642, null, "en")).hasMessageContaining("without a token");
        assertThat(new WebOptions("0.0.0.0", 8642, "long-random-token", "en").token()).isEqualTo("long-random-token");
        assertThat(new WebOptions("::1", 0, null, "ja").language()).isEqualTo("ja");
        assertThat(new WebOptions("localhost", 0, null, "en").bind()).isEqualTo("localhost");
        assertThatThrownBy(() -> new WebOptions("127.0.0.1", 70000, null, "en")).hasMessageContaining("port 70000");
        assertThatThrownBy(() -> new WebOptions("127.0.0.1", 0, null, "fr")).hasMessageContaining("unknown language 'fr'");
    }

    @Test
    void thePageAndItsFilesComeFromThisServerOnly() throws Exception {
        HttpResponse<String> page = get(server, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
        TreeSet<String> external = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        while (m.find()) {
            if (!m.group(1).startsWith("/") && !m.group(1).startsWith("?") && !m.group(1).startsWith("data:")) {
                external.add(m.group(1));
            }
        }
        assertThat(external).as("nothing fetched from elsewhere").isEmpty();
        for (String file : List.of("/static/dashboard.js", "/static/dashboard.css", "/static/world.json", "/webjars/echarts/5.3.1/dist/echarts.min.js")) {
            assertThat(get(server, file).statusCode()).as(file).isEqualTo(200);
        }
        assertThat(json("/api/reports")).isEmpty();
        HttpResponse<String> outside = get(server, "/reports/..%2Fdarkscope.duckdb");
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(outside.body()).get("error").asText()).isEqualTo("no report ../darkscope.duckdb");
        HttpResponse<String> nowhere = get(server, "/api/stats/hourly");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(nowhere.body()).get("error").asText()).startsWith("nothing at /api/stats/hourly");
    }
}
