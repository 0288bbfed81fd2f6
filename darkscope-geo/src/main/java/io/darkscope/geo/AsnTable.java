package io.darkscope.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Autonomous systems of IPv4 space, from a CSV of {@code first,last,as_number,as_organization}
 * rows (first and last as integers, as ip-location-db's asn-ipv4-num.csv has them).
 */
public final class AsnTable {
    private final RangeTable ipv4;
    private final Map<String, String> organisations;

    private AsnTable(RangeTable ipv4, Map<String, String> organisations) {
        this.ipv4 = ipv4;
        this.organisations = organisations;
    }

    /** Reads the CSV, or the ranges saved beside it from an earlier read ({@link RangeCache}). */
    public static AsnTable read(Path csv) throws IOException {
        RangeCache.Ranges ranges = RangeCache.load(csv, AsnTable::parse);
        return new AsnTable(ranges.table(), ranges.notes());
    }

    private static RangeCache.Ranges parse(Path csv) throws IOException {
        RangeTable.Builder table = new RangeTable.Builder();
        Map<String, String> organisations = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String[] f = fields(line);
                if (f.length < 3) {
                    continue;
                }
                try {
                    String as = "AS" + f[2];
                    table.add(Long.parseLong(f[0]), Long.parseLong(f[1]), as);
                    if (f.length > 3) {
                        organisations.putIfAbsent(as, f[3]);
                    }
                } catch (NumberFormatException e) {
                    throw new IOException(csv + ":" + number + ": expected first,last,as_number,organisation as integers");
                }
            }
        }
        return new RangeCache.Ranges(table.build(), organisations);
    }

    /** Splits a CSV line, honouring double quotes around a field with commas. */
    private static String[] fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out.toArray(String[]::new);
    }

    /** IPv4 ranges labelled "AS13335" and so on. */
    public RangeTable ipv4() {
        return ipv4;
    }

    /** The organisation of an AS ("AS13335"), or an empty string. */
    public String organisation(String as) {
        return organisations.getOrDefault(as, "");
    }
}
