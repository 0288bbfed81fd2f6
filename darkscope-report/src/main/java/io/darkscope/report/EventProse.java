package io.darkscope.report;

import io.darkscope.geo.GeoData;
import io.darkscope.query.Event;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An outbreak in a few sentences: what rose, when and how far, and who the new sources were,
 * the top countries and networks by name with their counts ("mostly from Brazil (240), Iran
 * (68) and United Kingdom (51)"), read from the event's "BR=240" and "AS26615 TIM S/A=33" lists.
 */
final class EventProse {
    /** Countries, networks and prefixes named per event: the event detector keeps more. */
    static final int TOP = 3;

    private final Text text;
    private final Names names;

    EventProse(Text text, Names names) {
        this.text = text;
        this.names = names;
    }

    String statement(Event e) {
        String end = e.end() == null ? text.get("event.ongoing") : text.get("event.ended", text.date(e.end()));
        String what = switch (e.kind()) {
            case "new" -> text.get("event.new", names.key(e.key()), text.date(e.onset()), text.date(e.peakDate()),
                    text.count(e.peakSources()), end);
            case Event.COUNTRY_SPIKE -> spike(e, end);
            default -> text.get("event.rise", names.key(e.key()), text.date(e.onset()), text.decimal(e.baseline()),
                    text.date(e.peakDate()), text.count(e.peakSources()), text.decimal(e.growth()), end);
        };
        return what + origin(e);
    }

    /** A spike's key is "JP 23/tcp": the country, then the port. */
    private String spike(Event e, String end) {
        int space = e.key().indexOf(' ');
        return text.get("event.spike", names.countryInProse(e.key().substring(0, space)), names.key(e.key().substring(space + 1)),
                text.date(e.onset()), text.decimal(e.baseline()), text.date(e.peakDate()), text.count(e.peakSources()), end);
    }

    /** Who the new sources were; a spike's country is already said, its /16 prefixes are added. */
    private String origin(Event e) {
        List<String> countries = e.kind().equals(Event.COUNTRY_SPIKE) ? List.of() : counted(e.topCountries(), names::countryInProse);
        List<String> networks = counted(e.topNetworks().stream().filter(n -> !isPrefix(n)).toList(), this::network);
        List<String> prefixes = counted(e.topNetworks().stream().filter(EventProse::isPrefix).toList(), EventProse::prefix);
        String who;
        if (countries.isEmpty()) {
            who = networks.isEmpty() ? "" : text.get("event.origin.networks", text.list(networks));
        } else {
            who = networks.isEmpty() ? text.get("event.origin.countries", text.list(countries))
                    : text.get("event.origin", text.list(countries), text.list(networks));
        }
        return prefixes.isEmpty() ? who : who + text.get("event.origin.prefixes", text.list(prefixes));
    }

    /** The first {@link #TOP} "name=count" entries as "name (count)", each name as {@code name} words it. */
    private List<String> counted(List<String> entries, UnaryOperator<String> name) {
        return entries.stream().limit(TOP).map(entry -> {
            int equals = entry.lastIndexOf('=');
            return text.get("aside", name.apply(entry.substring(0, equals)), text.count(Long.parseLong(entry.substring(equals + 1))));
        }).toList();
    }

    private String network(String network) {
        return network.equals(GeoData.UNKNOWN) ? text.get("network.unknown") : network;
    }

    /** A /16 entry is "14.236.0.0/16 AS45899 VNPT Corp=2": the prefix, then the AS it lies in. */
    private static boolean isPrefix(String entry) {
        return prefix(entry).contains("/");
    }

    private static String prefix(String network) {
        return network.split("[ =]", 2)[0];
    }
}
