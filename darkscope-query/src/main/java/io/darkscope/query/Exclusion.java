package io.darkscope.query;

import java.util.Locale;

/**
 * Sources a statistic can leave out, decided at query time from what the store holds, so that a
 * new list or a new rule re-answers every day already stored. Over a range of days, a source is
 * left out of the whole range if it is of the kind on any of its days; packets are its packets.
 */
public enum Exclusion {
    /** On an imported survey-scanner list, on the days its entry is valid. */
    SURVEY("survey scanners on an imported list"),
    /** Reached a tenth of the darknet's addresses within a clock hour (CAIDA's large-scale scanners), listed or not. */
    LARGE("large-scale scanners (a tenth of the darknet within an hour)"),
    /** Sent a spoofed-looking packet (any kind); a source is not a spoofer for one such packet, so this removes too many. */
    SPOOFED("sources of spoofed-looking packets");

    private final String description;

    Exclusion(String description) {
        this.description = description;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }
}
