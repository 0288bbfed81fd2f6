package io.darkscope.web;

import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.decode.IpProtocol;
import io.darkscope.geo.Attribution;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A request's query parameters, checked against what its endpoint takes: every name known, each
 * given once, the required ones present, dates real days with from not after to, and date not
 * with from or to. Each value is parsed as the CLI parses the option of the same name; anything
 * else is an {@link ApiError} of status 400 naming the parameter, its value and what is allowed.
 */
final class Params {
    /** ISO 3166-1 alpha-2, and Kosovo's user-assigned XK, which GeoIP databases use. */
    private static final Set<String> COUNTRIES = Stream.concat(Stream.of(Locale.getISOCountries()), Stream.of("XK")).collect(Collectors.toSet());
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Param> accepted;

    Params(Map<String, List<String>> query, Collection<Param> accepted) {
        this.accepted = accepted.stream().collect(Collectors.toMap(Param::name, p -> p));
        query.forEach((name, given) -> {
            if (!this.accepted.containsKey(name)) {
                throw ApiError.badParameter(name, null, "unknown parameter",
                        this.accepted.isEmpty() ? "none" : String.join(", ", this.accepted.keySet().stream().sorted().toList()));
            }
            if (given.size() != 1) {
                throw ApiError.badParameter(name, null, "given " + given.size() + " times", "once");
            }
            values.put(name, given.get(0));
        });
        accepted.stream().filter(p -> p.required() && !values.containsKey(p.name())).findFirst().ifPresent(p -> {
            throw ApiError.badParameter(p.name(), null, "required", p.allowed());
        });
        checkDays();
    }

    private void checkDays() {
        LocalDate from = date(Param.FROM);
        LocalDate to = date(Param.TO);
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiError.badParameter("to", values.get("to"), "before from = '" + from + "'", "a day on or after from");
        }
        if (values.containsKey("date") && (from != null || to != null)) {
            throw ApiError.badParameter("date", values.get("date"), "given with from or to", "date, or from and to, not both");
        }
        date(Param.DATE);
    }

    private String value(Param p) {
        String value = values.get(p.name());
        return value != null ? value : p.defaultValue();
    }

    /** A day (null when absent: an open bound). */
    LocalDate date(Param p) {
        String value = values.get(p.name());
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.badParameter(p.name(), value, "not a day", p.allowed());
        }
    }

    LocalDate from() {
        return date(Param.FROM);
    }

    LocalDate to() {
        return date(Param.TO);
    }

    /** The first and last day asked, by date or by from and to. */
    LocalDate[] days() {
        LocalDate date = date(Param.DATE);
        return date != null ? new LocalDate[] {date, date} : new LocalDate[] {from(), to()};
    }

    /** How many rows, 0 or more. */
    int top() {
        Param p = accepted.get("top");
        String value = value(p);
        try {
            int top = Integer.parseInt(value);
            if (top >= 0) {
                return top;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw ApiError.badParameter("top", value, "not a count", p.allowed());
    }

    List<PortSpec> ports() {
        String value = values.get(Param.PORT.name());
        try {
            return PortSpec.parseList(value);
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter(Param.PORT.name(), value, e.getMessage(), Param.PORT.allowed());
        }
    }

    /** Only this protocol's ports, or null for all. */
    Integer protocol() {
        String value = values.get(Param.PROTO.name());
        if (value == null) {
            return null;
        }
        int protocol;
        try {
            protocol = IpProtocol.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter(Param.PROTO.name(), value, "unknown protocol", Param.PROTO.allowed());
        }
        if (!IpProtocol.hasPorts(protocol)) {
            throw ApiError.badParameter(Param.PROTO.name(), value, "a protocol without ports", Param.PROTO.allowed());
        }
        return protocol;
    }

    /** An ISO country code in upper case, or null for every country. */
    String country() {
        String value = values.get(Param.COUNTRY.name());
        if (value == null) {
            return null;
        }
        String code = value.toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(code)) {
            throw ApiError.badParameter(Param.COUNTRY.name(), value, "not a country code", Param.COUNTRY.allowed());
        }
        return code;
    }

    Attribution.By by() {
        String value = value(Param.BY);
        try {
            return Attribution.By.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiError.badParameter(Param.BY.name(), value, "unknown grouping", Param.BY.allowed());
        }
    }

    /** The page's language, or the server's when none is asked. */
    String language(String fallback) {
        String value = values.get(Param.LANG.name());
        if (value != null && !WebOptions.LANGUAGES.contains(value)) {
            throw ApiError.badParameter(Param.LANG.name(), value, "unknown language", Param.LANG.allowed());
        }
        return value != null ? value : fallback;
    }

    /** Whether slots are hours (else 5 minutes). */
    boolean hourly() {
        String value = value(Param.RESOLUTION);
        if (!value.equals("5m") && !value.equals("1h")) {
            throw ApiError.badParameter(Param.RESOLUTION.name(), value, "unknown resolution", Param.RESOLUTION.allowed());
        }
        return value.equals("1h");
    }
}
