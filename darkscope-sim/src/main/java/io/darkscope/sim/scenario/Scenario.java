package io.darkscope.sim.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.darkscope.darknet.Prefix;
import io.darkscope.decode.IpProtocol;
import io.darkscope.sim.model.PortChoice;
import io.darkscope.sim.model.ToolModels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A simulation scenario: the darknet, the days, named port sets whose sources' countries the
 * truth reports, dated events, and the actors. Read from YAML; see docs/scenario.example.yaml
 * and the built-in {@code nicter-2016}.
 */
public record Scenario(String name, String description, ZoneId zone, LocalDate from, LocalDate to, List<Prefix> darknet,
                       Map<String, List<String>> portSets, List<Event> events, List<Actor> actors, Set<String> anywhereBut) {
    /** The scenarios that ship with darkscope. */
    public static final Set<String> BUILT_IN = Set.of("nicter-2016");

    /** Something the scenario makes happen on a day, for detectors to find. */
    public record Event(LocalDate date, String kind, String key, String note) {
    }

    private static final Set<String> KEYS = Set.of("name", "description", "timezone", "from", "to", "darknet", "port_sets",
            "events", "actors", "anywhere_but");
    private static final Set<String> ACTOR_KEYS = Set.of("name", "tool", "from", "to", "sources", "probes", "ports", "countries",
            "prefix", "prefix_country", "asn", "churn_days", "unscaled", "active_minutes");
    private static final Map<String, String> DEFAULT_PORTS = Map.ofEntries(
            Map.entry("mirai", "23/tcp,2323/tcp"), Map.entry("mirai-early", "23/tcp,2323/tcp"), Map.entry("tr069", "7547/tcp"),
            Map.entry("ssh", "22/tcp"), Map.entry("netis", "53413/udp"), Map.entry("icmp-sweep", "icmp"),
            Map.entry("backscatter", "80/tcp"), Map.entry("ipv6-scan", "icmpv6"), Map.entry("gre", "gre"),
            Map.entry("fragments", "53/udp"));

    /** A built-in scenario by name, or a scenario file. */
    public static Scenario load(String nameOrFile) throws IOException {
        if (BUILT_IN.contains(nameOrFile)) {
            try (InputStream in = Scenario.class.getResourceAsStream(nameOrFile + ".yaml")) {
                return parse(nameOrFile, in.readAllBytes());
            }
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no scenario '" + nameOrFile + "': neither built in " + BUILT_IN + " nor a file");
        }
        return parse(file.toString(), Files.readAllBytes(file));
    }

    static Scenario parse(String where, byte[] yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException(where + ": not valid YAML: " + message);
        }
        try {
            return fromTree(root);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Scenario fromTree(JsonNode root) {
        keys(root, KEYS, "scenario");
        LocalDate from = date(root, "from", null);
        LocalDate to = date(root, "to", null);
        if (from == null || to == null || to.isBefore(from)) {
            throw new IllegalArgumentException("'from' and 'to' must be dates, 'to' not before 'from'");
        }
        List<Prefix> darknet = new ArrayList<>();
        root.path("darknet").forEach(p -> darknet.add(Prefix.parse(p.asText())));
        if (darknet.stream().noneMatch(p -> p.version() == 4)) {
            throw new IllegalArgumentException("'darknet' needs at least one IPv4 prefix");
        }
        Map<String, List<String>> portSets = new LinkedHashMap<>();
        root.path("port_sets").fields().forEachRemaining(e -> {
            List<String> ports = new ArrayList<>();
            e.getValue().forEach(p -> ports.add(canonicalPort(p.asText())));
            portSets.put(e.getKey(), ports);
        });
        List<Event> events = new ArrayList<>();
        root.path("events").forEach(e -> events.add(new Event(LocalDate.parse(e.path("date").asText()), e.path("kind").asText(),
                e.path("key").asText(), e.path("note").asText(null))));
        List<Actor> actors = new ArrayList<>();
        for (JsonNode a : root.path("actors")) {
            actors.add(actor(a, from, to));
        }
        if (actors.isEmpty()) {
            throw new IllegalArgumentException("no actors");
        }
        ZoneId zone = ZoneId.of(root.path("timezone").asText("UTC"));
        Set<String> anywhereBut = new java.util.TreeSet<>();
        root.path("anywhere_but").forEach(c -> anywhereBut.add(c.asText()));
        return new Scenario(root.path("name").asText("scenario"), root.path("description").asText(""), zone, from, to,
                List.copyOf(darknet), portSets, List.copyOf(events), List.copyOf(actors), Set.copyOf(anywhereBut));
    }

    private static Actor actor(JsonNode a, LocalDate scenarioFrom, LocalDate scenarioTo) {
        String name = a.path("name").asText(null);
        if (name == null) {
            throw new IllegalArgumentException("an actor has no 'name'");
        }
        try {
            keys(a, ACTOR_KEYS, "actor");
            String tool = a.path("tool").asText(null);
            if (tool == null) {
                throw new IllegalArgumentException("no 'tool'");
            }
            ToolModels.byName(tool);
            LocalDate from = date(a, "from", scenarioFrom);
            LocalDate to = date(a, "to", scenarioTo);
            Curve sources = curve(a.path("sources"), from, to);
            ProbeCount probes = probes(a.path("probes"));
            PortChoice ports = ports(a.path("ports"), DEFAULT_PORTS.getOrDefault(tool, "80/tcp"));
            Map<String, Double> countries = new TreeMap<>();
            if (a.has("countries") && !a.get("countries").isObject()) {
                throw new IllegalArgumentException("'countries' must be a mapping of codes to weights (YAML aliases are not supported)");
            }
            a.path("countries").fields().forEachRemaining(e -> countries.put(e.getKey(), e.getValue().asDouble()));
            if (countries.isEmpty()) {
                countries.put("*", 1.0);
            }
            Prefix prefix = a.hasNonNull("prefix") ? Prefix.parse(a.get("prefix").asText()) : null;
            String asn = a.hasNonNull("asn") ? "AS" + a.get("asn").asText().replaceFirst("(?i)^AS", "") : null;
            int churn = a.path("churn_days").asInt(1);
            if (churn < 1) {
                throw new IllegalArgumentException("'churn_days' must be at least 1");
            }
            return new Actor(name, tool, sources, probes, ports, List.copyOf(countries.keySet()),
                    countries.values().stream().mapToDouble(Double::doubleValue).toArray(), prefix,
                    a.path("prefix_country").asText("*"), asn, churn, a.path("unscaled").asBoolean(false),
                    a.path("active_minutes").asInt(0));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException("actor '" + name + "': " + e.getMessage(), e);
        }
    }

    private static Curve curve(JsonNode n, LocalDate from, LocalDate to) {
        if (n.isNumber()) {
            return Curve.constant(n.asDouble(), from, to);
        }
        if (n.has("points")) {
            Map<LocalDate, Double> points = new TreeMap<>();
            n.get("points").fields().forEachRemaining(e -> points.put(LocalDate.parse(e.getKey()), e.getValue().asDouble()));
            return Curve.points(points);
        }
        if (n.has("range")) {
            return Curve.range(n.get("range").get(0).asDouble(), n.get("range").get(1).asDouble(), from, to);
        }
        if (n.has("peak")) {
            return Curve.shape(date(n, "start", from), n.path("ramp_days").asInt(0), n.get("peak").asDouble(),
                    n.path("hold_days").asInt(0), n.path("half_life_days").asDouble(0), date(n, "end", to));
        }
        throw new IllegalArgumentException("'sources' must be a number, {points: ...}, {range: [low, high]} or {peak: ...}");
    }

    private static ProbeCount probes(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return new ProbeCount("fixed", 1, 0);
        }
        if (n.isNumber()) {
            return new ProbeCount("fixed", n.asDouble(), 0);
        }
        return new ProbeCount(n.path("distribution").asText("geometric"), n.path("mean").asDouble(1), n.path("sigma").asDouble(1));
    }

    private static PortChoice ports(JsonNode n, String fallback) {
        Map<String, Double> weights = new LinkedHashMap<>();
        if (n.isTextual()) {
            throw new IllegalArgumentException("'ports' must be a mapping of ports to weights or a list (YAML aliases are not supported)");
        }
        if (n.isMissingNode() || n.isNull()) {
            for (String port : fallback.split(",")) {
                weights.put(port, 1.0);
            }
        } else if (n.isArray()) {
            n.forEach(p -> weights.put(p.asText(), 1.0));
        } else {
            n.fields().forEachRemaining(e -> weights.put(e.getKey(), e.getValue().asDouble()));
        }
        int[] ports = new int[weights.size()];
        int[] protocols = new int[weights.size()];
        double[] w = new double[weights.size()];
        int i = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            String spec = canonicalPort(e.getKey());
            int slash = spec.indexOf('/');
            protocols[i] = IpProtocol.parse(slash < 0 ? spec : spec.substring(slash + 1));
            ports[i] = slash < 0 ? -1 : Integer.parseInt(spec.substring(0, slash));
            w[i++] = e.getValue();
        }
        return new PortChoice(ports, protocols, w);
    }

    /** "23/tcp", "53413/udp", or a protocol without ports ("icmp"), checked. */
    static String canonicalPort(String text) {
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        int slash = s.indexOf('/');
        if (slash < 0) {
            int protocol = IpProtocol.parse(s);
            if (IpProtocol.hasPorts(protocol)) {
                throw new IllegalArgumentException("'" + text + "' needs a port, e.g. 23/tcp");
            }
            return IpProtocol.name(protocol);
        }
        int port = Integer.parseInt(s.substring(0, slash));
        int protocol = IpProtocol.parse(s.substring(slash + 1));
        if (port < 0 || port > 65535 || !IpProtocol.hasPorts(protocol)) {
            throw new IllegalArgumentException("'" + text + "' is not a port such as 23/tcp");
        }
        return port + "/" + IpProtocol.name(protocol);
    }

    private static LocalDate date(JsonNode n, String key, LocalDate fallback) {
        return n.hasNonNull(key) ? LocalDate.parse(n.get(key).asText()) : fallback;
    }

    private static void keys(JsonNode node, Set<String> allowed, String what) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a mapping for the " + what);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown " + what + " key '" + key + "' (allowed: " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }
}
