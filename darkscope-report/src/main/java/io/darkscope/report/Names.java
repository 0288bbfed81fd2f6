package io.darkscope.report;

import io.darkscope.geo.GeoData;

import java.util.List;
import java.util.Locale;

/**
 * What the report calls things in its language: countries by name (the JDK's names for the
 * locale), ports as "23/TCP", fingerprints in words; the raw keys stay for the data tables.
 */
final class Names {
    private final Text text;

    Names(Text text) {
        this.text = text;
    }

    /** A country's name: "Brazil", "ブラジル"; "unknown", "other" and "total" in words. */
    String country(String code) {
        if (code.equals(GeoData.UNKNOWN) || code.equals("other") || code.equals("total")) {
            return text.get("country." + code);
        }
        String name = new Locale("", code).getDisplayCountry(text.language().locale());
        return name.isEmpty() ? code : name;
    }

    /** A country's name as a sentence says it: "the United Kingdom". */
    String countryInProse(String code) {
        boolean article = List.of(text.get("country.the.codes").split(" ")).contains(code);
        return article ? text.get("country.the", country(code)) : country(code);
    }

    /** A country's name with its code, as tables and headings show it: "Brazil (BR)"; the code alone if the JDK has no name. */
    String countryWithCode(String code) {
        String name = country(code);
        return name.equals(code) || !code.matches("[A-Z]{2}") ? name : text.get("aside", name, code);
    }

    /** An event's or a series' key in words: "2323/TCP", "Early Mirai variant (fixed IP ID)". */
    String key(String key) {
        String fingerprint = "fingerprint." + key.replace('/', '.');
        return ReportData.isPortKey(key) ? port(key) : text.has(fingerprint) ? text.get(fingerprint) : key;
    }

    /** A port key as shown: "23/tcp" is 23/TCP. */
    static String port(String key) {
        return ReportData.isPortKey(key) ? key.toUpperCase(Locale.ROOT) : key;
    }
}
