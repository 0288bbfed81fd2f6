package io.darkscope.geo;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The country database and the AS table that attribute sources, either or both absent: then
 * every answer that needs them says "unknown" and nothing fails. Looked up at query time, so a
 * better database re-answers old questions without re-ingesting.
 */
public final class GeoData implements Closeable {
    /** What an answer says when no database knows. */
    public static final String UNKNOWN = "unknown";
    /** The data of one store, inside its data directory, chosen over the user's cache. */
    public static final String DIRECTORY = "geo";
    static final String COUNTRY_FILE = "country.mmdb";
    static final String ASN_FILE = "asn-ipv4.csv";
    static final String SOURCE_FILE = "SOURCE.txt";

    private final Path countryFile;
    private final Path asnFile;
    private CountryDatabase countries;
    private AsnTable asns;
    private final List<String> credits;
    private static final Loaded LOADED = new Loaded();

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

    /** No data: every country and AS is unknown. */
    public static GeoData none() {
        return new GeoData((Path) null, null, List.of());
    }

    /**
     * The data every store uses unless told otherwise: {@code $XDG_CACHE_HOME/darkscope/geo},
     * else {@code ~/.cache/darkscope/geo}, where {@code darkscope geo fetch} puts it.
     */
    public static Path userCache() {
        return userCache(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home"));
    }

    static Path userCache(String xdgCacheHome, String home) {
        // the XDG base directory specification ignores a relative path
        boolean xdg = xdgCacheHome != null && !xdgCacheHome.isEmpty() && Path.of(xdgCacheHome).isAbsolute();
        return (xdg ? Path.of(xdgCacheHome) : Path.of(home, ".cache")).resolve("darkscope").resolve(DIRECTORY);
    }

    /**
     * Each database from the file given, else from {@code dataDirectory/geo}, else from the
     * {@link #userCache}; whatever is missing stays missing. Each is read when first needed (the
     * AS table alone takes a second).
     */
    public static GeoData open(Path dataDirectory, Path countryDatabase, Path asnTable) throws IOException {
        return open(dataDirectory, countryDatabase, asnTable, userCache());
    }

    /** As {@link #open(Path, Path, Path)}, with the user's cache in {@code userCache}. */
    public static GeoData open(Path dataDirectory, Path countryDatabase, Path asnTable, Path userCache) throws IOException {
        requireFile(countryDatabase);
        requireFile(asnTable);
        List<Path> directories = List.of(dataDirectory.resolve(DIRECTORY), userCache);
        Path country = countryDatabase != null ? countryDatabase : firstIn(directories, COUNTRY_FILE);
        Path asn = asnTable != null ? asnTable : firstIn(directories, ASN_FILE);
        List<String> credits = new ArrayList<>();
        credit(credits, "countries: ", country, countryDatabase != null);
        credit(credits, "AS: ", asn, asnTable != null);
        return new GeoData(country, asn, credits);
    }

    private static void requireFile(Path given) throws FileNotFoundException {
        if (given != null && !Files.isRegularFile(given)) {
            throw new FileNotFoundException("no file " + given);
        }
    }

    private static Path firstIn(List<Path> directories, String file) {
        return directories.stream().map(d -> d.resolve(file)).filter(Files::isRegularFile).findFirst().orElse(null);
    }

    /** The credit of a database: the line 'geo fetch' wrote beside it (with version and licence), else its path. */
    private static void credit(List<String> credits, String kind, Path file, boolean given) throws IOException {
        if (file == null) {
            return;
        }
        Path source = file.resolveSibling(SOURCE_FILE);
        if (!given && Files.isRegularFile(source)) {
            Files.readAllLines(source).stream().filter(line -> line.startsWith(kind)).findFirst()
                    .ifPresentOrElse(credits::add, () -> credits.add(kind + file));
        } else {
            credits.add(kind + file);
        }
    }

    /** Whether the country database knows a country code (e.g. "JP"); false without a database. */
    public boolean knowsCountry(String code) {
        return countries().map(db -> db.ipv4().labelOf(code.toUpperCase(Locale.ROOT)) >= 0).orElse(false);
    }

    /**
     * The country database, if there is one.
     *
     * @throws UncheckedIOException if it exists but cannot be read (a damaged file is an error, not "unknown")
     */
    public synchronized Optional<CountryDatabase> countries() {
        if (countries == null && countryFile != null) {
            countries = LOADED.get(countryFile, CountryDatabase::open);
        }
        return Optional.ofNullable(countries);
    }

    /** The AS table, if there is one; same errors as {@link #countries}. */
    public synchronized Optional<AsnTable> asns() {
        if (asns == null && asnFile != null) {
            asns = LOADED.get(asnFile, AsnTable::read);
        }
        return Optional.ofNullable(asns);
    }

    /**
     * The databases this process has read, each file in its latest version on disk: a process
     * that runs several commands or opens several stores (the demo, a server, the tests) reads
     * each once, not once per store (the two take a few seconds). They are never closed: the
     * country database's reader stays mapped until the process ends.
     */
    private static final class Loaded {
        /** What a file was when it was read: a file changed since is read again. */
        private record Version(long size, FileTime modified) {
        }

        private record Entry(Version version, Object database) {
        }

        interface Reader<T> {
            T read(Path file) throws IOException;
        }

        private final Map<Path, Entry> entries = new HashMap<>();

        @SuppressWarnings("unchecked")
        synchronized <T> T get(Path file, Reader<T> reader) {
            try {
                Path key = file.toAbsolutePath().normalize();
                Version version = new Version(Files.size(key), Files.getLastModifiedTime(key));
                Entry entry = entries.get(key);
                if (entry == null || !entry.version().equals(version)) {
                    entry = new Entry(version, reader.read(key));
                    entries.put(key, entry);
                }
                return (T) entry.database();
            } catch (IOException | RuntimeException e) {
                throw unreadable(e);
            }
        }
    }

    private static UncheckedIOException unreadable(Exception e) {
        return new UncheckedIOException(new IOException("cannot read the GeoIP data (" + e.getMessage()
                + "); fetch it again with 'darkscope geo fetch'", e));
    }

    /** Which databases answered, with their versions and licences, for the outputs to show. */
    public List<String> credits() {
        return credits.isEmpty() ? List.of("no GeoIP data: countries and AS are unknown (run 'darkscope geo fetch')") : credits;
    }

    /** Closes databases given in memory; those read from files stay loaded for the process ({@link Loaded}). */
    @Override
    public void close() throws IOException {
        if (countries != null && countryFile == null) {
            countries.close();
        }
    }
}
