package io.darkscope.geo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real GeoIP data of the tests: fetched by .ci/run into ~/.cache/darkscope/geo, or wherever DARKSCOPE_GEO points. */
public final class GeoTestData {
    private GeoTestData() {
    }

    public static Path directory() {
        String env = System.getenv("DARKSCOPE_GEO");
        return env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "darkscope", "geo");
    }

    /** Whether both the country database and the AS table are there. */
    public static boolean present() {
        return Files.isRegularFile(directory().resolve(GeoData.COUNTRY_FILE)) && Files.isRegularFile(directory().resolve(GeoData.ASN_FILE));
    }

    /** The real data if present, else none (every country unknown); {@code dataDirectory} holds no geo/ of its own. */
    public static GeoData open(Path dataDirectory) throws IOException {
        return present()
                ? GeoData.open(dataDirectory, directory().resolve(GeoData.COUNTRY_FILE), directory().resolve(GeoData.ASN_FILE))
                : GeoData.open(dataDirectory, null, null);
    }
}
