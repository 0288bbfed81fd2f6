package io.darkscope.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real GeoIP data of the tests: where every store finds it, the user's cache
 * ({@link GeoData#userCache}), fetched there by {@code darkscope geo fetch} or .ci/run. Tests
 * that need it are skipped without it, saying so.
 */
public final class GeoTestData {
    /** Why a test needing the data did not run. */
    public static final String ABSENT = "no GeoIP data in " + directory() + " (run 'bin/darkscope geo fetch' or .ci/run)";

    private GeoTestData() {
    }

    public static Path directory() {
        return GeoData.userCache();
    }

    /** Whether both the country database and the AS table are there. */
    public static boolean present() {
        return Files.isRegularFile(directory().resolve(GeoData.COUNTRY_FILE)) && Files.isRegularFile(directory().resolve(GeoData.ASN_FILE));
    }

    /** The real data as a store in {@code dataDirectory} (with no geo/ of its own) finds it, else none (every country unknown). */
    public static GeoData open(Path dataDirectory) throws IOException {
        return present() ? GeoData.open(dataDirectory, null, null) : GeoData.none();
    }
}
