package io.darkscope.web.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.darkscope.darknet.Prefix;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code alerts:} and {@code organisations:} sections of darkscope.yaml: the rules, the
 * webhooks, and the organisations an organisation rule watches. Every key and value is checked;
 * a mistake names the file, the entry and what is allowed. The README documents the syntax.
 */
public record AlertConfig(List<AlertRule> rules, List<WebhookConfig> webhooks) {
    /** No rules, no webhooks. */
    public static final AlertConfig NONE = new AlertConfig(List.of(), List.of());
    private static final Set<String> EVENT_KINDS = Set.of("new", "rise", "country-spike");

    /**
     * Reads the sections of a configuration file (absent sections: no rules, no webhooks).
     *
     * @throws IllegalArgumentException naming the file and the bad entry
     */
    public static AlertConfig load(Path file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        try {
            return parse(root == null ? null : root.path("alerts"), root == null ? null : root.path("organisations"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    static AlertConfig parse(JsonNode alerts, JsonNode organisations) {
        if (alerts == null || alerts.isMissingNode() || alerts.isNull()) {
            return NONE;
        }
        keys(alerts, "alerts", "rules", "webhooks");
        List<Organisation> watched = organisations(organisations);
        List<AlertRule> rules = new ArrayList<>();
        JsonNode list = list(alerts.path("rules"), "alerts.rules");
        for (int i = 0; i < list.size(); i++) {
            rules.add(rule(list.get(i), "alerts.rules entry " + (i + 1), watched));
        }
        List<WebhookConfig> webhooks = new ArrayList<>();
        JsonNode hooks = list(alerts.path("webhooks"), "alerts.webhooks");
        for (int i = 0; i < hooks.size(); i++) {
            webhooks.add(webhook(hooks.get(i), "alerts.webhooks entry " + (i + 1)));
        }
        return new AlertConfig(List.copyOf(rules), List.copyOf(webhooks));
    }

    private static AlertRule rule(JsonNode entry, String where, List<Organisation> watched) {
        String type = text(entry, "rule", where, null);
        switch (type) {
            case "event" -> {
                keys(entry, where, "rule", "kinds");
                Set<String> kinds = new LinkedHashSet<>(entry.has("kinds") ? strings(entry.get("kinds"), where + ": kinds") : EVENT_KINDS);
                kinds.stream().filter(k -> !EVENT_KINDS.contains(k)).findFirst().ifPresent(k -> {
                    throw new IllegalArgumentException(where + ": unknown event kind '" + k + "' (new, rise, country-spike)");
                });
                return new AlertRule.NewEvent(Set.copyOf(kinds));
            }
            case "fingerprint" -> {
                keys(entry, where, "rule", "quiet_days");
                return new AlertRule.FingerprintFirstSeen(number(entry, "quiet_days", where, 30, 1));
            }
            case "dos" -> {
                keys(entry, where, "rule", "min_rate");
                if (!entry.path("min_rate").isNumber() || entry.get("min_rate").asDouble() < 0) {
                    throw new IllegalArgumentException(where + ": 'min_rate' must be a number of packets per second, 0 or more");
                }
                return new AlertRule.DosAbove(entry.get("min_rate").asDouble());
            }
            case "organisation" -> {
                keys(entry, where, "rule", "organisations");
                return new AlertRule.OrganisationWatch(chosen(entry, where, watched));
            }
            default -> throw new IllegalArgumentException(where + ": unknown rule '" + type + "' (event, fingerprint, dos, organisation)");
        }
    }

    /** The organisations a rule names, or all of them. */
    private static List<Organisation> chosen(JsonNode entry, String where, List<Organisation> watched) {
        if (watched.isEmpty()) {
            throw new IllegalArgumentException(where + ": an organisation rule needs an 'organisations:' section");
        }
        if (!entry.has("organisations")) {
            return watched;
        }
        List<Organisation> chosen = new ArrayList<>();
        for (String name : strings(entry.get("organisations"), where + ": organisations")) {
            chosen.add(watched.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    where + ": no organisation '" + name + "' in 'organisations:' (" + watched.stream().map(Organisation::name).toList() + ")")));
        }
        return List.copyOf(chosen);
    }

    private static List<Organisation> organisations(JsonNode section) {
        List<Organisation> organisations = new ArrayList<>();
        if (section == null || section.isMissingNode() || section.isNull()) {
            return organisations;
        }
        JsonNode list = list(section, "organisations");
        for (int i = 0; i < list.size(); i++) {
            String where = "organisations entry " + (i + 1);
            JsonNode entry = list.get(i);
            keys(entry, where, "name", "prefixes");
            String name = text(entry, "name", where, null);
            List<Prefix> prefixes = new ArrayList<>();
            for (String text : strings(entry.path("prefixes"), where + " (" + name + "): prefixes")) {
                prefixes.add(prefix(text, where + " (" + name + ")"));
            }
            if (prefixes.isEmpty()) {
                throw new IllegalArgumentException(where + " (" + name + "): no prefixes");
            }
            organisations.add(new Organisation(name, List.copyOf(prefixes)));
        }
        return organisations;
    }

    private static Prefix prefix(String text, String where) {
        Prefix p;
        try {
            p = Prefix.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": bad prefix '" + text + "': " + e.getMessage() + " (a CIDR such as 192.0.2.0/24)");
        }
        if (p.version() != 4) {
            throw new IllegalArgumentException(where + ": prefix '" + text + "' is IPv6; only IPv4 networks are watched");
        }
        return p;
    }

    private static WebhookConfig webhook(JsonNode entry, String where) {
        keys(entry, where, "name", "url", "max_per_minute", "attempts", "backoff_seconds");
        String url = text(entry, "url", where, null);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + ": bad url '" + url + "'");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(where + ": url '" + url + "' must be http:// or https:// with a host");
        }
        String name = text(entry, "name", where, uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        double backoff = entry.path("backoff_seconds").asDouble(2);
        if (entry.has("backoff_seconds") && (!entry.get("backoff_seconds").isNumber() || backoff <= 0 || backoff > 3600)) {
            throw new IllegalArgumentException(where + ": 'backoff_seconds' must be a number of seconds above 0, at most 3600");
        }
        return new WebhookConfig(name, uri, number(entry, "max_per_minute", where, 10, 1), number(entry, "attempts", where, 5, 1),
                Duration.ofMillis(Math.round(backoff * 1000)));
    }

    private static void keys(JsonNode node, String where, String... allowed) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a mapping with " + List.of(allowed));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of(allowed).contains(name)) {
                throw new IllegalArgumentException(where + ": unknown key '" + name + "' (allowed: " + List.of(allowed) + ")");
            }
        }
    }

    private static JsonNode list(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return new ObjectMapper().createArrayNode();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + ": expected a list");
        }
        return node;
    }

    private static List<String> strings(JsonNode node, String where) {
        List<String> strings = new ArrayList<>();
        for (JsonNode n : list(node, where)) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException(where + ": expected a list of text, found " + n);
            }
            strings.add(n.asText());
        }
        return strings;
    }

    private static String text(JsonNode entry, String key, String where, String fallback) {
        JsonNode n = entry.path(key);
        if (n.isMissingNode() || n.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException(where + ": missing '" + key + "'");
            }
            return fallback;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be text");
        }
        return n.asText();
    }

    private static int number(JsonNode entry, String key, String where, int fallback, int min) {
        JsonNode n = entry.path(key);
        if (n.isMissingNode()) {
            return fallback;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a whole number, " + min + " or more");
        }
        return n.asInt();
    }
}
