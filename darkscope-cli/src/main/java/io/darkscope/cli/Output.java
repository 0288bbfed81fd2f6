package io.darkscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints rows (records) as a human table, JSON (an array of objects, nested as the records
 * are) or CSV (nested fields flattened to {@code outer_inner} columns). Every command prints
 * through here, so the three formats agree everywhere.
 */
final class Output {
    /** The output formats. */
    enum Format { table, json, csv }

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    <T extends Record> void print(PrintWriter out, Class<T> type, List<T> rows) {
        switch (format) {
            case json -> out.println(JSON.valueToTree(rows).toPrettyString());
            case csv -> csv(out, type, rows);
            default -> table(out, type, rows);
        }
        out.flush();
    }

    /** Column paths of a record type: its components, nested records flattened. */
    private static List<String[]> columns(Class<?> type) {
        List<String[]> columns = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String name = snake(c.getName());
            if (c.getType().isRecord()) {
                for (String[] inner : columns(c.getType())) {
                    String[] path = new String[inner.length + 1];
                    path[0] = name;
                    System.arraycopy(inner, 0, path, 1, inner.length);
                    columns.add(path);
                }
            } else {
                columns.add(new String[] {name});
            }
        }
        return columns;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static JsonNode at(JsonNode row, String[] path) {
        JsonNode n = row;
        for (String p : path) {
            n = n.path(p);
        }
        return n;
    }

    private static <T extends Record> void csv(PrintWriter out, Class<T> type, List<T> rows) {
        List<String[]> columns = columns(type);
        out.println(String.join(",", columns.stream().map(c -> String.join("_", c)).toList()));
        for (T row : rows) {
            JsonNode tree = JSON.valueToTree(row);
            List<String> cells = new ArrayList<>();
            for (String[] c : columns) {
                JsonNode v = at(tree, c);
                cells.add(v.isNull() || v.isMissingNode() ? "" : csvEscape(v.asText()));
            }
            out.println(String.join(",", cells));
        }
    }

    private static String csvEscape(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static <T extends Record> void table(PrintWriter out, Class<T> type, List<T> rows) {
        if (rows.isEmpty()) {
            out.println("(no data)");
            return;
        }
        List<String[]> columns = columns(type);
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.stream().map(c -> String.join("_", c)).toArray(String[]::new));
        for (T row : rows) {
            JsonNode tree = JSON.valueToTree(row);
            cells.add(columns.stream().map(c -> human(c[c.length - 1], at(tree, c))).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                boolean number = !line[i].isEmpty() && (Character.isDigit(line[i].charAt(0)) || line[i].equals("-")) && i > 0;
                String pad = " ".repeat(widths[i] - line[i].length());
                b.append(i == 0 ? "" : "  ").append(number ? pad + line[i] : line[i] + pad);
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static String human(String name, JsonNode v) {
        if (v.isNull() || v.isMissingNode()) {
            return "-";
        }
        if (v.isIntegralNumber()) {
            return name.equals("port") || name.equals("year") ? v.asText() : String.format(Locale.ROOT, "%,d", v.asLong());
        }
        if (v.isFloatingPointNumber()) {
            return name.endsWith("share") ? String.format(Locale.ROOT, "%.2f%%", 100 * v.asDouble())
                    : String.format(Locale.ROOT, "%,.1f", v.asDouble());
        }
        return v.asText();
    }
}
