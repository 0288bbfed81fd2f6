package io.darkscope.cli;

import io.darkscope.geo.GeoData;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Which GeoIP data answers: by default what 'darkscope geo fetch' put in the data directory. */
final class GeoOptions {
    @Option(names = "--country-db", paramLabel = "FILE",
            description = "A MaxMind-format country database (GeoLite2-Country, DB-IP, ip-location-db); default: DATA/geo/country.mmdb.")
    Path countryDatabase;

    @Option(names = "--asn-table", paramLabel = "FILE",
            description = "An AS table CSV (first,last,as_number,organisation); default: DATA/geo/asn-ipv4.csv.")
    Path asnTable;

    GeoData open(Path dataDirectory) throws IOException {
        return GeoData.open(dataDirectory, countryDatabase, asnTable);
    }

    /** Says which databases answered: under a table, or on standard error when the output is for a script. */
    static void credit(List<String> credits, Output output, PrintWriter out, PrintWriter err) {
        PrintWriter to = output.format == Output.Format.table ? out : err;
        credits.forEach(line -> to.println("# " + line));
        to.flush();
    }
}
