package io.darkscope.web;

import java.util.List;
import java.util.Map;

/**
 * A query parameter an endpoint takes: its name, what it means, its OpenAPI schema, whether it
 * is required, and what the allowed values are (in error messages). The parameters mirror the
 * CLI's options of the same names.
 */
record Param(String name, String description, Map<String, Object> schema, boolean required, String allowed) {
    static final Param FROM = date("from", "First day, inclusive.");
    static final Param TO = date("to", "Last day, inclusive.");
    static final Param DATE = date("date", "The day (instead of from and to).");
    static final Param PORT = new Param("port", "Destination ports, comma-separated, e.g. 23/tcp,2323/tcp (a port alone is TCP).",
            Map.of("type", "string", "example", "23/tcp,2323/tcp"), true, "ports 0-65535 with tcp, udp or sctp, e.g. 23/tcp,2323/tcp");
    static final Param PROTO = new Param("proto", "Only ports of this protocol.", Map.of("type", "string", "enum", List.of("tcp", "udp", "sctp")),
            false, "tcp, udp or sctp");
    static final Param COUNTRY = new Param("country", "Only sources of this country (ISO 3166-1 alpha-2, e.g. JP).",
            Map.of("type", "string", "pattern", "^[A-Za-z]{2}$", "example", "JP"), false, "an ISO 3166-1 alpha-2 country code such as JP");
    static final Param BY = new Param("by", "Group sources by AS, /16 or /24.",
            Map.of("type", "string", "enum", List.of("asn", "prefix", "prefix16", "prefix24"), "default", "asn"), false,
            "asn, prefix (a /24), prefix16 or prefix24");
    static final Param LANG = new Param("lang", "The dashboard's language.", Map.of("type", "string", "enum", WebOptions.LANGUAGES), false,
            "en or ja");
    static final Param RESOLUTION = new Param("resolution", "Slot length.", Map.of("type", "string", "enum", List.of("5m", "1h"), "default", "5m"),
            false, "5m or 1h");

    /** How many rows, 0 for all, with the endpoint's default. */
    static Param top(int defaultValue) {
        return new Param("top", "How many rows; 0 for all.", Map.of("type", "integer", "minimum", 0, "default", defaultValue), false,
                "an integer, 0 or more (0: all)");
    }

    private static Param date(String name, String description) {
        return new Param(name, description, Map.of("type", "string", "format", "date", "example", "2016-09-20"), false,
                "a day that exists, as YYYY-MM-DD");
    }

    /** The default value the schema states, as text. */
    String defaultValue() {
        Object value = schema.get("default");
        return value == null ? null : value.toString();
    }
}
