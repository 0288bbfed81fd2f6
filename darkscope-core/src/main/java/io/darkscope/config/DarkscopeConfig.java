package io.darkscope.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.darknet.Prefix;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The configuration file (YAML): the time zone days are counted in, and the darknet registry.
 * See {@code docs/darkscope.example.yaml}. {@code zone} is null when the file does not set one.
 */
public record DarkscopeConfig(ZoneId zone, DarknetRegistry registry) {
    private static final Set<String> KEYS = Set.of("timezone", "darknet", "alerts", "organisations"); // the last two: darkscope-web's alerts
    private static final Set<String> ENTRY_KEYS = Set.of("prefix", "from", "to");

    /** No time zone and no registry. */
    public static DarkscopeConfig defaults() {
        return new DarkscopeConfig(null, new DarknetRegistry(List.of()));
    }

    /**
     * Reads a configuration file.
     *
     * @throws IllegalArgumentException naming the file and the bad entry
     */
    public static DarkscopeConfig load(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return defaults();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a mapping with 'timezone' and 'darknet'");
        }
        checkKeys(file, root, KEYS, "");
        ZoneId zone = null;
        if (root.hasNonNull("timezone")) {
            zone = zone(file, root.get("timezone").asText());
        }
        return new DarkscopeConfig(zone, new DarknetRegistry(entries(file, root.path("darknet"))));
    }

    /** Parses a time-zone id such as "UTC" or "Asia/Tokyo". */
    public static ZoneId zone(Object where, String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(where + ": unknown time zone '" + id + "' (use an id such as UTC or Asia/Tokyo)");
        }
    }

    private static List<DarknetRegistry.Entry> entries(Path file, JsonNode list) {
        List<DarknetRegistry.Entry> entries = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return entries;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(file + ": 'darknet' must be a list of entries with 'prefix', 'from', 'to'");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String where = "darknet entry " + (i + 1);
            try {
                if (e.isTextual()) {
                    entries.add(new DarknetRegistry.Entry(Prefix.parse(e.asText()), null, null));
                    continue;
                }
                checkKeys(file, e, ENTRY_KEYS, where + ": ");
                if (!e.hasNonNull("prefix")) {
                    throw new IllegalArgumentException("missing 'prefix'");
                }
                entries.add(new DarknetRegistry.Entry(Prefix.parse(e.get("prefix").asText()), date(e, "from"), date(e, "to")));
            } catch (IllegalArgumentException | DateTimeException ex) {
                throw new IllegalArgumentException(file + ": " + where + ": " + ex.getMessage());
            }
        }
        return entries;
    }

    private static LocalDate date(JsonNode entry, String key) {
        return entry.hasNonNull(key) ? LocalDate.parse(entry.get(key).asText()) : null;
    }

    private static void checkKeys(Path file, JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(file + ": " + where + "expected a mapping");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(file + ": " + where + "unknown key '" + name + "' (allowed: " + allowed + ")");
            }
        }
    }
}
