package io.darkscope.geo;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The country database and the AS table that attribute sources, either or both absent: then
 * every answer that needs them says "unknown" and nothing fails. Looked up at query time, so a
 * better database re-answers old questions without re-ingesting.
 */
public final class GeoData implements Closeable {
    /** What an answer says when no database knows. */
    public static final String UNKNOWN = "unknown";
    /** Where {@link GeoFetch} puts the data, inside the data directory. */
    public static final String DIRECTORY = "geo";
    static final String COUNTRY_FILE = "country.mmdb";
    static final String ASN_FILE = "asn-ipv4.csv";
    static final String SOURCE_FILE = "SOURCE.txt";

    private final CountryDatabase countries;
    private final AsnTable asns;
    private final List<String> credits;

    public GeoData(CountryDatabase countries, AsnTable asns, List<String> credits) {
        this.countries = countries;
        this.asns = asns;
        this.credits = List.copyOf(credits);
    }

    /** No databases: every answer is "unknown". */
    public static GeoData none() {
        return new GeoData(null, null, List.of());
    }

    /**
     * Opens the databases given, else those fetched into {@code dataDirectory/geo}; whatever is
     * missing stays missing.
     *
     * @throws IOException if a database that exists cannot be read (a damaged file is an error, not "unknown")
     */
    public static GeoData open(Path dataDirectory, Path countryDatabase, Path asnTable) throws IOException {
        Path dir = dataDirectory.resolve(DIRECTORY);
        Path country = countryDatabase != null ? countryDatabase : dir.resolve(COUNTRY_FILE);
        Path asn = asnTable != null ? asnTable : dir.resolve(ASN_FILE);
        List<String> credits = new ArrayList<>();
        CountryDatabase c = null;
        AsnTable a = null;
        try {
            if (Files.isRegularFile(country)) {
                c = CountryDatabase.open(country);
                credits.add("countries: " + c.description());
            }
            if (Files.isRegularFile(asn)) {
                a = AsnTable.read(asn);
                credits.add("AS: " + a.description());
            }
        } catch (IOException | RuntimeException e) {
            if (c != null) {
                c.close();
            }
            throw new IOException("cannot read the GeoIP data (" + e.getMessage() + "); fetch it again with 'darkscope geo fetch'", e);
        }
        if (countryDatabase == null && asnTable == null && Files.isRegularFile(dir.resolve(SOURCE_FILE))) {
            credits.clear(); // what was fetched, with versions and licences, says more than the file names
            credits.addAll(Files.readAllLines(dir.resolve(SOURCE_FILE)));
        }
        return new GeoData(c, a, credits);
    }

    public Optional<CountryDatabase> countries() {
        return Optional.ofNullable(countries);
    }

    public Optional<AsnTable> asns() {
        return Optional.ofNullable(asns);
    }

    /** Which databases answered, with their versions and licences, for the outputs to show. */
    public List<String> credits() {
        return credits.isEmpty() ? List.of("no GeoIP data: countries and AS are unknown (run 'darkscope geo fetch')") : credits;
    }

    @Override
    public void close() throws IOException {
        if (countries != null) {
            countries.close();
        }
    }
}
