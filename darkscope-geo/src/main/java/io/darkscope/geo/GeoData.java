package io.darkscope.geo;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    private final Path countryFile;
    private final Path asnFile;
    private CountryDatabase countries;
    private AsnTable asns;
    private final List<String> credits;

    /** Databases already in memory. */
    public GeoData(CountryDatabase countries, AsnTable asns, List<String> credits) {
        this((Path) null, null, credits);
        this.countries = countries;
        this.asns = asns;
    }

    private GeoData(Path countryFile, Path asnFile, List<String> credits) {
        this.countryFile = countryFile;
        this.asnFile = asnFile;
        this.credits = List.copyOf(credits);
    }

    /**
     * The databases given, else those fetched into {@code dataDirectory/geo}; whatever is
     * missing stays missing. Each is read when first needed (the AS table alone takes a second).
     */
    public static GeoData open(Path dataDirectory, Path countryDatabase, Path asnTable) throws IOException {
        Path dir = dataDirectory.resolve(DIRECTORY);
        Path country = countryDatabase != null ? countryDatabase : dir.resolve(COUNTRY_FILE);
        Path asn = asnTable != null ? asnTable : dir.resolve(ASN_FILE);
        List<String> credits = new ArrayList<>();
        if (countryDatabase == null && asnTable == null && Files.isRegularFile(dir.resolve(SOURCE_FILE))) {
            credits.addAll(Files.readAllLines(dir.resolve(SOURCE_FILE))); // what was fetched, with versions and licences
        } else {
            if (Files.isRegularFile(country)) {
                credits.add("countries: " + country);
            }
            if (Files.isRegularFile(asn)) {
                credits.add("AS: " + asn);
            }
        }
        return new GeoData(Files.isRegularFile(country) ? country : null, Files.isRegularFile(asn) ? asn : null, credits);
    }

    /**
     * The country database, if there is one.
     *
     * @throws UncheckedIOException if it exists but cannot be read (a damaged file is an error, not "unknown")
     */
    public synchronized Optional<CountryDatabase> countries() {
        if (countries == null && countryFile != null) {
            try {
                countries = CountryDatabase.open(countryFile);
            } catch (IOException | RuntimeException e) {
                throw unreadable(e);
            }
        }
        return Optional.ofNullable(countries);
    }

    /** The AS table, if there is one; same errors as {@link #countries}. */
    public synchronized Optional<AsnTable> asns() {
        if (asns == null && asnFile != null) {
            try {
                asns = AsnTable.read(asnFile);
            } catch (IOException | RuntimeException e) {
                throw unreadable(e);
            }
        }
        return Optional.ofNullable(asns);
    }

    private static UncheckedIOException unreadable(Exception e) {
        return new UncheckedIOException(new IOException("cannot read the GeoIP data (" + e.getMessage()
                + "); fetch it again with 'darkscope geo fetch'", e));
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
