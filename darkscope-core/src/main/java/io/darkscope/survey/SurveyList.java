package io.darkscope.survey;

import java.time.LocalDate;
import java.util.List;

/**
 * A list of survey scanners as read from a file: its source (the file's name), its format, the
 * IPv4 ranges it lists with their organisation and the days they are valid, the organisations it
 * describes, and the entries it had to skip (IPv6 addresses, which the lists rarely hold).
 */
public record SurveyList(String source, String format, List<Entry> entries, List<Organisation> organisations, int skipped) {
    /** An IPv4 range (first and last address, unsigned) of an organisation, valid from and to a day (null: open). */
    public record Entry(long first, long last, String organisation, LocalDate validFrom, LocalDate validTo) {
    }

    /** What a list says of an organisation: its type (research, threat intelligence...) and a page about its scans. */
    public record Organisation(String name, String type, String reference) {
    }
}
