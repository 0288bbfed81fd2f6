package io.darkscope.geo;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Fetches the default GeoIP data with {@code npm pack}: the ip-location-db country database
 * ({@code @ip-location-db/geo-whois-asn-country-mmdb}: CC0 1.0, built from the NRO's CC BY 4.0 data) and AS table
 * ({@code @ip-location-db/asn}, CC BY 4.0: RouteViews, DB-IP, NRO), into a directory (by
 * default the user's cache, {@link GeoData#userCache}) with their licences and a SOURCE.txt
 * that outputs quote.
 */
public final class GeoFetch {
    static final String COUNTRY_PACKAGE = "@ip-location-db/geo-whois-asn-country-mmdb";
    static final String ASN_PACKAGE = "@ip-location-db/asn";

    private GeoFetch() {
    }

    /** Whether both files are already in {@code dir}. */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(GeoData.COUNTRY_FILE)) && Files.isRegularFile(dir.resolve(GeoData.ASN_FILE));
    }

    /**
     * Downloads and unpacks both packages into {@code dir}, creating it.
     *
     * @return their credits, with versions and licences, as outputs will quote them
     * @throws IOException naming what failed (npm missing, no network, an unexpected package layout)
     */
    public static List<String> fetch(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory("darkscope-geo");
        try {
            List<String> source = new ArrayList<>();
            String countryVersion = unpack(npmPack(COUNTRY_PACKAGE, work), dir, Map.of(
                    "package/geo-whois-asn-country.mmdb", GeoData.COUNTRY_FILE, "package/NRO_LICENSE", "NRO_LICENSE"));
            source.add("countries: ip-location-db geo-whois-asn-country " + countryVersion
                    + " (npm " + COUNTRY_PACKAGE + "), CC0 1.0, built from NRO data (CC BY 4.0, nro.net)");
            String asnVersion = unpack(npmPack(ASN_PACKAGE, work), dir, Map.of("package/asn-ipv4-num.csv", GeoData.ASN_FILE,
                    "package/ROUTEVIEWS-LICENSE", "ROUTEVIEWS-LICENSE", "package/DBIP-LICENSE", "DBIP-LICENSE"));
            source.add("AS: ip-location-db asn " + asnVersion + " (npm " + ASN_PACKAGE
                    + "), CC BY 4.0, data from RouteViews, DB-IP (db-ip.com) and the NRO");
            Files.write(dir.resolve(GeoData.SOURCE_FILE), source, StandardCharsets.UTF_8);
            return source;
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path npmPack(String pkg, Path work) throws IOException {
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "pack", "--silent", pkg).directory(work.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run npm to fetch " + pkg + " (is Node.js installed?): " + e.getMessage(), e);
        }
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IOException("npm pack " + pkg + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + pkg, e);
        }
        String[] lines = output.split("\n");
        Path tgz = work.resolve(lines[lines.length - 1].strip());
        if (!Files.isRegularFile(tgz)) {
            throw new IOException("npm pack " + pkg + " did not produce a package: " + output);
        }
        return tgz;
    }

    /** Copies the wanted entries of a package and returns its version. */
    private static String unpack(Path tgz, Path dir, Map<String, String> wanted) throws IOException {
        String version = "?";
        int found = 0;
        try (InputStream in = Files.newInputStream(tgz);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String target = wanted.get(entry.getName());
                if (target != null) {
                    Path tmp = dir.resolve(target + ".part");
                    Files.copy(tar, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, dir.resolve(target), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    found++;
                } else if (entry.getName().equals("package/package.json")) {
                    version = new ObjectMapper().readTree(tar.readAllBytes()).path("version").asText("?");
                }
            }
        }
        if (found != wanted.size()) {
            throw new IOException(tgz.getFileName() + " does not have the expected files " + wanted.keySet());
        }
        return version;
    }
}
