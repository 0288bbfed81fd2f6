package io.darkscope.sim.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.darkscope.darknet.Prefix;
import io.darkscope.decode.IpProtocol;
import io.darkscope.sim.model.PortChoice;
import io.darkscope.sim.model.SpoofKind;
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
            "prefix", "prefix_country", "asn", "churn_days", "unscaled", "active_minutes", "min_scale", "networks", "attack", "sessions",
            "survey", "kinds");
    private static final Set<String> SESSION_KEYS = Set.of("start", "minutes", "rate", "destinations", "port", "source");
    private static final Set<String> ATTACK_KEYS = Set.of("minutes", "rate", "ports_per_victim");
    private static final Map<String, String> DEFAULT_PORTS = Map.ofEntries(
            Map.entry("mirai", "23/tcp,2323/tcp"), Map.entry("mirai-early", "23/tcp,2323/tcp"), Map.entry("tr069", "7547/tcp"),
            Map.entry("ssh", "22/tcp"), Map.entry("netis", "53413/udp"), Map.entry("icmp-sweep", "icmp"),
            Map.entry("backscatter", "80/tcp"), Map.entry("ipv6-scan", "icmpv6"), Map.entry("gre", "gre"),
            Map.entry("fragments", "53/udp"), Map.entry("spoofed", "80/tcp"));
    /**
     * The networks a tool's sources come from unless the actor says: IoT worms from home and
     * mobile networks, research scanners and SSH brute-forcers from hosting, DoS victims mostly
     * servers; the rest mostly home networks.
     */
    private static final Map<String, String> DEFAULT_NETWORKS = Map.ofEntries(
            Map.entry("mirai", "residential=75,mobile=25"), Map.entry("mirai-early", "residential=75,mobile=25"),
            Map.entry("tr069", "residential=90,mobile=10"), Map.entry("netis", "residential=90,mobile=10"),
            Map.entry("ssh", "hosting=60,residential=40"), Map.entry("zmap", "hosting=80,residential=20"),
            Map.entry("zmap-4.1", "hosting=80,residential=20"), Map.entry("masscan", "hosting=80,residential=20"),
            Map.entry("backscatter", "hosting=70,residential=30"), Map.entry("spoofed", "any=1"));
    private static final String OTHER_NETWORKS = "residential=80,mobile=10,hosting=10";

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
        if (actors.stream().map(Actor::name).distinct().count() < actors.size()) {
            throw new IllegalArgumentException("two actors have one name: the truth counts each actor by its name");
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
            if (a.has("sessions")) {
                for (String k : List.of("sources", "probes", "ports", "active_minutes", "churn_days", "min_scale", "unscaled", "attack", "survey")) {
                    if (a.has(k)) {
                        throw new IllegalArgumentException("an actor with 'sessions' has no '" + k + "': each session says it");
                    }
                }
            }
            Curve sources = a.has("sessions") || (a.has("survey") && !a.has("sources")) ? Curve.constant(0, from, to)
                    : curve(a.path("sources"), from, to);
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
            double minScale = a.path("min_scale").asDouble(0);
            if (minScale < 0) {
                throw new IllegalArgumentException("'min_scale' must not be negative");
            }
            Map<String, Double> networks = weights(a, "networks", DEFAULT_NETWORKS.getOrDefault(tool, OTHER_NETWORKS));
            List<Network> networkKinds = networks.keySet().stream().map(Network::parse).toList();
            Attack attack = a.has("attack") ? attack(a.get("attack"), tool) : null;
            if (attack != null && (a.has("probes") || a.has("active_minutes"))) {
                throw new IllegalArgumentException("'attack' sets the probes and the window: no 'probes' nor 'active_minutes'");
            }
            List<Session> sessions = a.has("sessions") ? sessions(a) : null;
            Survey survey = null;
            if (a.has("survey")) {
                JsonNode s = a.get("survey");
                keys(s, Set.of("scanner", "addresses"), "survey");
                survey = new Survey(s.path("scanner").asText(null), s.path("addresses").asInt(0));
                if (prefix == null || prefix.version() != 4) {
                    throw new IllegalArgumentException("a survey scanner needs the IPv4 'prefix' its addresses come from");
                }
                if (survey.addresses() > prefix.lastIpv4() - prefix.firstIpv4() + 1) {
                    throw new IllegalArgumentException("'survey.addresses' is more than " + prefix + " holds");
                }
                if (!a.has("sources")) {
                    sources = Curve.constant(survey.addresses(), from, to);
                }
            }
            double[] kinds = null;
            if (tool.equals("spoofed")) {
                kinds = new double[SpoofKind.values().length];
                if (a.has("kinds")) {
                    Map<String, Double> k = weights(a, "kinds", null);
                    for (Map.Entry<String, Double> e : k.entrySet()) {
                        kinds[SpoofKind.parse(e.getKey()).ordinal()] = e.getValue();
                    }
                } else {
                    java.util.Arrays.fill(kinds, 1);
                }
            } else if (a.has("kinds")) {
                throw new IllegalArgumentException("'kinds' is for the tool 'spoofed'");
            }
            return new Actor(name, tool, sources, probes, ports, List.copyOf(countries.keySet()),
                    countries.values().stream().mapToDouble(Double::doubleValue).toArray(), prefix,
                    a.path("prefix_country").asText("*"), asn, churn, a.path("unscaled").asBoolean(false),
                    a.path("active_minutes").asInt(0), minScale, networkKinds,
                    networks.values().stream().mapToDouble(Double::doubleValue).toArray(), attack, sessions, survey, kinds);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException("actor '" + name + "': " + e.getMessage(), e);
        }
    }

    /** A mapping of names to weights, or the fallback written "a=1,b=2". */
    private static Map<String, Double> weights(JsonNode actor, String key, String fallback) {
        Map<String, Double> weights = new LinkedHashMap<>();
        JsonNode n = actor.path(key);
        if (n.isMissingNode() || n.isNull()) {
            for (String pair : fallback.split(",")) {
                String[] kv = pair.split("=");
                weights.put(kv[0], Double.parseDouble(kv[1]));
            }
            return weights;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("'" + key + "' must be a mapping of names to weights");
        }
        n.fields().forEachRemaining(e -> weights.put(e.getKey(), e.getValue().asDouble()));
        if (weights.isEmpty() || weights.values().stream().anyMatch(w -> w < 0) || weights.values().stream().mapToDouble(w -> w).sum() <= 0) {
            throw new IllegalArgumentException("'" + key + "' needs positive weights");
        }
        return weights;
    }

    private static Attack attack(JsonNode n, String tool) {
        if (!tool.equals("backscatter")) {
            throw new IllegalArgumentException("'attack' is for the tool 'backscatter'");
        }
        keys(n, ATTACK_KEYS, "attack");
        JsonNode minutes = n.path("minutes");
        JsonNode rate = n.path("rate");
        keys(minutes, Set.of("median", "sigma", "min", "max"), "attack.minutes");
        keys(rate, Set.of("median", "sigma", "max"), "attack.rate");
        double[] perVictim = {1};
        if (n.has("ports_per_victim")) {
            JsonNode p = n.get("ports_per_victim");
            keys(p, Set.of("1", "2", "3", "4", "5", "6", "7", "8"), "attack.ports_per_victim");
            int most = 0;
            for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
                most = Math.max(most, Integer.parseInt(it.next()));
            }
            perVictim = new double[most];
            for (int i = 1; i <= most; i++) {
                perVictim[i - 1] = p.path(Integer.toString(i)).asDouble(0);
            }
        }
        return new Attack(minutes.path("median").asDouble(10), minutes.path("sigma").asDouble(1.3), minutes.path("min").asDouble(1),
                minutes.path("max").asDouble(1440), rate.path("median").asDouble(1), rate.path("sigma").asDouble(1.5),
                rate.path("max").asDouble(1000), perVictim);
    }

    private static List<Session> sessions(JsonNode actor) {
        List<Session> sessions = new ArrayList<>();
        if (!actor.get("sessions").isArray() || actor.get("sessions").isEmpty()) {
            throw new IllegalArgumentException("'sessions' must be a list of {start, minutes, rate, destinations, port}");
        }
        for (JsonNode s : actor.get("sessions")) {
            keys(s, SESSION_KEYS, "session");
            for (String k : List.of("start", "minutes", "rate", "destinations", "port")) {
                if (!s.hasNonNull(k)) {
                    throw new IllegalArgumentException("a session has no '" + k + "'");
                }
            }
            String port = canonicalPort(s.get("port").asText());
            if (!port.contains("/")) {
                throw new IllegalArgumentException("a session scans a port, e.g. 8080/tcp, not '" + port + "'");
            }
            double minutes = s.get("minutes").asDouble();
            String source = s.hasNonNull("source") ? Prefix.parse(s.get("source").asText() + "/32").toString().replace("/32", "") : null;
            sessions.add(new Session(java.time.LocalDateTime.parse(s.get("start").asText().strip().replace(' ', 'T')),
                    Math.round(minutes * 60), s.get("rate").asDouble(), s.get("destinations").asInt(), port, source));
        }
        return List.copyOf(sessions);
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
