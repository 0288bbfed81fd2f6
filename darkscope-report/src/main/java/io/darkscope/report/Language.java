package io.darkscope.report;

import java.util.Locale;

/** The languages a report is written in. */
public enum Language {
    EN(Locale.ENGLISH),
    JA(Locale.JAPANESE);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** The ISO code, as in {@code lang="ja"}. */
    public String code() {
        return locale.getLanguage();
    }

    /** Parses "en" or "ja". */
    public static Language parse(String code) {
        for (Language l : values()) {
            if (l.code().equalsIgnoreCase(code)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown language '" + code + "': use en or ja");
    }
}
