package io.darkscope.cli;

import io.darkscope.geo.GeoData;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Which GeoIP data answers: by default the data directory's geo/, else the user's cache that 'darkscope geo fetch' fills. */
final class GeoOptions {
    @Option(names = "--country-db", paramLabel = "FILE", converter = Converters.ExistingFile.class,
            description = "A MaxMind-format country database (GeoLite2-Country, DB-IP, ip-location-db); default: DATA/geo/country.mmdb, else the user's cache, ~/.cache/darkscope/geo.")
    Path countryDatabase;

    @Option(names = "--asn-table", paramLabel = "FILE", converter = Converters.ExistingFile.class,
            description = "An AS table CSV (first,last,as_number,organisation); default: DATA/geo/asn-ipv4.csv, else the user's cache.")
    Path asnTable;

    GeoData open(Path dataDirectory) throws IOException {
        return GeoData.open(dataDirectory, countryDatabase, asnTable);
    }

    /** Refuses a country the data does not know: its sources would be zero, not "not asked". */
    static void requireCountry(GeoData geo, String country) {
        if (country == null || geo.knowsCountry(country)) {
            return;
        }
        throw new IllegalArgumentException(geo.countries().isPresent()
                ? "--country " + country + " is not a country the GeoIP data knows (ISO 3166 codes, e.g. JP, BR, US)"
                : "--country " + country + " needs the GeoIP data: run 'darkscope geo fetch'");
    }

    /** Says which databases answered: under a table, or on standard error when the output is for a script. */
    static void credit(List<String> credits, Output output, PrintWriter out, PrintWriter err) {
        PrintWriter to = output.format == Output.Format.table ? out : err;
        credits.forEach(line -> to.println("# " + line));
        to.flush();
    }
}
