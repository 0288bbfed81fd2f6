package io.darkscope.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkscope.darknet.Prefix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the survey-scanner lists darkscope knows, recognised by their content:
 * <ul>
 *   <li>{@code nict-json}: NICT's survey-scanner JSON, {@code [{"ip", "scanner", "last_seen"}]}; an
 *       address is valid up to its last_seen day;</li>
 *   <li>{@code nict-scanorg}: NICT's scanorg CSV ({@code scanner name,type,TCP port count,UDP port
 *       count,observed days,reference}): organisations, no addresses;</li>
 *   <li>{@code service-csv}: another service's export, a CSV whose header names an address column
 *       ({@code ip}, {@code address}), a name ({@code name}, {@code organisation}, {@code actor}) and
 *       optionally {@code first_seen} and {@code last_seen}: valid between them;</li>
 *   <li>{@code cidr}: one CIDR or address a line, then the organisation (the rest of the line, or
 *       the one given); {@code #} starts a comment.</li>
 * </ul>
 * Days given to the import bound what the list does not say: {@code from} opens every entry's
 * validity, {@code to} closes those without a last day.
 */
public final class SurveyListParser {
    private final LocalDate from;
    private final LocalDate to;
    private final String organisation;

    /**
     * @param from         first day the list's addresses are valid (null: open)
     * @param to           last day, for entries that do not say (null: open)
     * @param organisation the organisation of a CIDR list's lines that name none
     */
    public SurveyListParser(LocalDate from, LocalDate to, String organisation) {
        this.from = from;
        this.to = to;
        this.organisation = organisation;
    }

    public SurveyList parse(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "");
        String source = file.getFileName().toString();
        String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip().toLowerCase(Locale.ROOT);
        if (first.startsWith("[")) {
            return nictJson(source, text);
        }
        if (first.startsWith("scanner name,")) {
            return scanorg(source, text);
        }
        if (first.contains(",") && (first.startsWith("ip,") || first.contains(",ip,") || first.startsWith("address,"))) {
            return serviceCsv(source, text);
        }
        return cidr(source, text);
    }

    private SurveyList nictJson(String source, String text) throws IOException {
        List<SurveyList.Entry> entries = new ArrayList<>();
        int skipped = 0;
        for (JsonNode e : new ObjectMapper().readTree(text)) {
            String ip = e.path("ip").asText();
            LocalDate last = day(e.path("last_seen").asText(""), source);
            skipped += add(entries, ip, e.path("scanner").asText(""), from, last == null ? to : last) ? 0 : 1;
        }
        return new SurveyList(source, "nict-json", entries, List.of(), skipped);
    }

    private static SurveyList scanorg(String source, String text) {
        List<SurveyList.Organisation> organisations = new ArrayList<>();
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = Csv.split(line);
            organisations.add(new SurveyList.Organisation(cells.get(0).strip(), cell(cells, 1), cell(cells, 5)));
        }
        return new SurveyList(source, "nict-scanorg", List.of(), organisations, 0);
    }

    private static String cell(List<String> cells, int i) {
        String v = i < cells.size() ? cells.get(i).strip() : "";
        return v.equals("-") ? "" : v;
    }

    private SurveyList serviceCsv(String source, String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        List<String> header = Csv.split(lines.get(0).toLowerCase(Locale.ROOT)).stream().map(String::strip).toList();
        int ip = column(header, "ip", "address");
        int name = column(header, "name", "organisation", "organization", "actor");
        int firstSeen = header.indexOf("first_seen");
        int lastSeen = header.indexOf("last_seen");
        List<SurveyList.Entry> entries = new ArrayList<>();
        int skipped = 0;
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = Csv.split(line);
            LocalDate first = firstSeen < 0 ? from : day(cell(cells, firstSeen), source);
            LocalDate last = lastSeen < 0 ? to : day(cell(cells, lastSeen), source);
            skipped += add(entries, cell(cells, ip), name < 0 ? organisation : cell(cells, name), first, last) ? 0 : 1;
        }
        return new SurveyList(source, "service-csv", entries, List.of(), skipped);
    }

    private static int column(List<String> header, String... names) {
        for (String n : names) {
            if (header.contains(n)) {
                return header.indexOf(n);
            }
        }
        return -1;
    }

    private SurveyList cidr(String source, String text) {
        List<SurveyList.Entry> entries = new ArrayList<>();
        int skipped = 0;
        for (String raw : text.lines().toList()) {
            String line = raw.replaceAll("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String name = parts.length > 1 ? parts[1].strip() : organisation;
            if (name == null) {
                throw new IllegalArgumentException(source + ": '" + line + "' names no organisation; give one with --organisation");
            }
            skipped += add(entries, parts[0], name, from, to) ? 0 : 1;
        }
        return new SurveyList(source, "cidr", entries, List.of(), skipped);
    }

    /** Adds an IPv4 address or prefix; false for an IPv6 one, which is skipped. */
    private static boolean add(List<SurveyList.Entry> entries, String address, String organisation, LocalDate from, LocalDate to) {
        Prefix prefix = Prefix.parse(address);
        if (prefix.version() != 4) {
            return false;
        }
        entries.add(new SurveyList.Entry(prefix.firstIpv4(), prefix.lastIpv4(), organisation.strip(), from, to));
        return true;
    }

    private static LocalDate day(String text, String source) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip().substring(0, Math.min(10, text.strip().length())));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(source + ": '" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** Splits CSV lines: commas outside double quotes, "" for a quote inside them. */
    private static final class Csv {
        static List<String> split(String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"' && quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            return cells;
        }
    }
}
