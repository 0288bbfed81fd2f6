package io.darkscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.darkscope.query.Json;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints rows (records) as a human table, JSON (an array of objects, nested as the records
 * are) or CSV (nested fields flattened to {@code outer_inner} columns; a list of records as the
 * last field gives one line per element, the outer fields repeated). Every command prints
 * through here, so the three formats agree everywhere.
 */
final class Output {
    /** The output formats. */
    enum Format { table, json, csv }

    /** The formats of a summary, which is not rows. */
    enum Summary { table, json }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    <T extends Record> void print(PrintWriter out, Class<T> type, List<T> rows) {
        switch (format) {
            case json -> out.println(Json.pretty(rows));
            case csv -> csv(out, type, rows);
            default -> table(out, type, rows);
        }
        out.flush();
    }

    /** The records' trees, one per output line: a trailing list field gives a line per element. */
    private static List<JsonNode> lines(Class<?> type, List<? extends Record> rows) {
        RecordComponent[] components = type.getRecordComponents();
        RecordComponent last = components[components.length - 1];
        String listName = elementType(last) != null ? snake(last.getName()) : null;
        List<JsonNode> lines = new ArrayList<>();
        for (Record row : rows) {
            JsonNode tree = Json.MAPPER.valueToTree(row);
            if (listName == null) {
                lines.add(tree);
                continue;
            }
            for (JsonNode element : tree.get(listName)) {
                ObjectNode line = ((ObjectNode) tree).deepCopy();
                line.set(listName, element);
                lines.add(line);
            }
        }
        return lines;
    }

    /** Column paths of a record type: its components, nested records (and a trailing list's elements) flattened. */
    private static List<String[]> columns(Class<?> type) {
        List<String[]> columns = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String name = snake(c.getName());
            Class<?> nested = c.getType().isRecord() ? c.getType() : elementType(c);
            if (nested != null) {
                for (String[] inner : columns(nested)) {
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

    private static Class<?> elementType(RecordComponent c) {
        if (List.class.isAssignableFrom(c.getType()) && c.getGenericType() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return element;
        }
        return null;
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
        for (JsonNode tree : lines(type, rows)) {
            List<String> cells = new ArrayList<>();
            for (String[] c : columns) {
                JsonNode v = at(tree, c);
                cells.add(v.isNull() || v.isMissingNode() ? "" : csvEscape(Printable.of(v.isArray() ? joined(v) : Json.text(v))));
            }
            out.println(String.join(",", cells));
        }
    }

    /** A list of plain values in one cell. */
    private static String joined(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(e -> parts.add(e.asText()));
        return String.join(" ", parts);
    }

    private static String csvEscape(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Columns padded to their widest cell; a column of numbers (but the first) aligned right. */
    private static <T extends Record> void table(PrintWriter out, Class<T> type, List<T> rows) {
        if (rows.isEmpty()) {
            out.println("(no data)");
            return;
        }
        List<String[]> columns = columns(type);
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.stream().map(c -> String.join("_", c)).toArray(String[]::new));
        boolean[] numeric = new boolean[columns.size()];
        for (JsonNode tree : lines(type, rows)) {
            String[] line = new String[columns.size()];
            for (int i = 0; i < line.length; i++) {
                String[] c = columns.get(i);
                JsonNode v = at(tree, c);
                numeric[i] |= v.isNumber() && i > 0;
                line[i] = Printable.of(human(c[c.length - 1], v));
            }
            cells.add(line);
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
                String pad = " ".repeat(widths[i] - line[i].length());
                b.append(i == 0 ? "" : "  ").append(numeric[i] ? pad + line[i] : line[i] + pad);
            }
            out.println(b.toString().stripTrailing());
        }
    }

    /** Whether a value is not zero but would print as zero with the usual decimals. */
    private static boolean small(double v, double half) {
        return v != 0 && Math.abs(v) < half;
    }

    /** Three significant digits, never in E notation (a coverage of 0.0000153, not 0.0). */
    private static String significant(double v) {
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String human(String name, JsonNode v) {
        if (v.isNull() || v.isMissingNode()) {
            return "-";
        }
        if (v.isArray()) {
            return joined(v);
        }
        if (v.isIntegralNumber()) {
            return name.equals("port") || name.equals("year") ? v.asText() : String.format(Locale.ROOT, "%,d", v.asLong());
        }
        if (v.isFloatingPointNumber()) {
            double d = v.asDouble();
            return name.endsWith("share") ? (small(100 * d, 0.005) ? significant(100 * d) : String.format(Locale.ROOT, "%.2f", 100 * d)) + "%"
                    : small(d, 0.05) ? significant(d) : String.format(Locale.ROOT, "%,.1f", d);
        }
        return v.asText();
    }
}
