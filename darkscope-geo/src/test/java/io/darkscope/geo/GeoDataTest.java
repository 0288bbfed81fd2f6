package io.darkscope.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a store finds its GeoIP data: the files given, then its own geo/, then the user's cache, each file on its own. */
class GeoDataTest {
    @TempDir
    Path dir;

    /** A directory as 'geo fetch' leaves it, with placeholder files and the credit lines it writes. */
    private Path fetched(String name, String version) throws Exception {
        Path geo = Files.createDirectories(dir.resolve(name));
        Files.writeString(geo.resolve(GeoData.COUNTRY_FILE), "");
        Files.writeString(geo.resolve(GeoData.ASN_FILE), "");
        Files.writeString(geo.resolve(GeoData.SOURCE_FILE), "countries: countries " + version + "\nAS: AS " + version + "\n");
        return geo;
    }

    @Test
    void theUserCacheAnswersAStoreWithoutDataOfItsOwn() throws Exception {
        Path cache = fetched("cache", "v1");
        try (GeoData geo = GeoData.open(dir.resolve("store"), null, null, cache)) {
            assertThat(geo.credits()).containsExactly("countries: countries v1", "AS: AS v1");
        }
    }

    @Test
    void theStoresOwnDataComesBeforeTheCacheAndTheFilesGivenBeforeBoth() throws Exception {
        Path cache = fetched("cache", "v1");
        fetched("store/geo", "v2");
        Files.delete(dir.resolve("store/geo").resolve(GeoData.ASN_FILE));
        try (GeoData geo = GeoData.open(dir.resolve("store"), null, null, cache)) {
            assertThat(geo.credits()).as("each file where it is first found").containsExactly("countries: countries v2", "AS: AS v1");
        }
        Path given = Files.writeString(dir.resolve("my.mmdb"), "");
        try (GeoData geo = GeoData.open(dir.resolve("store"), given, null, cache)) {
            assertThat(geo.credits()).containsExactly("countries: " + given, "AS: AS v1");
        }
    }

    @Test
    void aFileGivenThatIsNotThereIsAnError() {
        assertThatThrownBy(() -> GeoData.open(dir, dir.resolve("typo.mmdb"), null, dir))
                .isInstanceOf(FileNotFoundException.class).hasMessageContaining("typo.mmdb");
    }

    @Test
    void withNothingAnywhereTheCreditSaysHowToFetchIt() throws Exception {
        try (GeoData geo = GeoData.open(dir.resolve("store"), null, null, dir.resolve("empty-cache"))) {
            assertThat(geo.credits()).singleElement().asString().contains("darkscope geo fetch");
            assertThat(geo.countries()).isEmpty();
        }
    }

    @Test
    void theCacheFollowsXdgCacheHomeWhenItIsAnAbsolutePath() {
        assertThat(GeoData.userCache("/var/cache/ann", "/home/ann")).isEqualTo(Path.of("/var/cache/ann/darkscope/geo"));
        assertThat(GeoData.userCache(null, "/home/ann")).isEqualTo(Path.of("/home/ann/.cache/darkscope/geo"));
        assertThat(GeoData.userCache("", "/home/ann")).isEqualTo(Path.of("/home/ann/.cache/darkscope/geo"));
        assertThat(GeoData.userCache("relative/cache", "/home/ann")).as("ignored, as the XDG specification says")
                .isEqualTo(Path.of("/home/ann/.cache/darkscope/geo"));
    }

    @Test
    void aFileIsReadOncePerProcessAndAgainWhenItChanges() throws Exception {
        Path csv = Files.writeString(dir.resolve("asn.csv"), "16777216,16777471,13335,Cloudflare\n");
        AsnTable first;
        try (GeoData a = GeoData.open(dir, null, csv, dir); GeoData b = GeoData.open(dir, null, csv, dir)) {
            first = a.asns().orElseThrow();
            assertThat(b.asns()).containsSame(first);
        }
        Files.writeString(csv, "16777216,16777471,13335,Cloudflare Inc\n");
        try (GeoData changed = GeoData.open(dir, null, csv, dir)) {
            assertThat(changed.asns().orElseThrow()).isNotSameAs(first);
            assertThat(changed.asns().orElseThrow().organisation("AS13335")).isEqualTo("Cloudflare Inc");
        }
    }
}
