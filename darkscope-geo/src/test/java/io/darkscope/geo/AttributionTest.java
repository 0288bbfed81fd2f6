package io.darkscope.geo;

import io.darkscope.sets.Ipv6Set;
import io.darkscope.sets.SourceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Attribution over hand-built tables, where every answer can be worked out by hand. */
class AttributionTest {
    @TempDir
    Path dir;

    private static long ip(String dotted) {
        String[] p = dotted.split("\\.");
        return (Long.parseLong(p[0]) << 24) | (Long.parseLong(p[1]) << 16) | (Long.parseLong(p[2]) << 8) | Long.parseLong(p[3]);
    }

    /** BR: 177.0.0.0/8 and 200.128.0.0/9; VN: 14.160.0.0/11; JP: 126.0.0.0/8. */
    private static RangeTable countries() {
        return new RangeTable.Builder()
                .add(ip("177.0.0.0"), ip("177.255.255.255"), "BR")
                .add(ip("14.160.0.0"), ip("14.191.255.255"), "VN")
                .add(ip("126.0.0.0"), ip("126.255.255.255"), "JP")
                .add(ip("200.128.0.0"), ip("200.255.255.255"), "BR")
                .build();
    }

    private static SourceSet sources(String... addresses) {
        RoaringBitmap b = new RoaringBitmap();
        for (String a : addresses) {
            b.add((int) ip(a));
        }
        return SourceSet.of(b, Ipv6Set.EMPTY);
    }

    @Test
    void table2CountsEachCountryThenOtherAndTotal() {
        GeoData geo = new GeoData(CountryDatabase.of(countries()), null, List.of("test"));
        SourceSet s = sources("177.1.1.1", "177.2.2.2", "200.200.1.1", "14.161.0.1", "126.1.1.1", "8.8.8.8", "9.9.9.9");
        List<GeoRows.Country> rows = new Attribution(geo).countryTable(s, 2);
        assertThat(rows).containsExactly(
                new GeoRows.Country("BR", 3, 3 / 7.0),
                new GeoRows.Country("unknown", 2, 2 / 7.0),
                new GeoRows.Country("other", 2, 2 / 7.0),
                new GeoRows.Country("total", 7, 1));
        assertThat(new Attribution(geo).inCountry(s, "jp").cardinality()).isEqualTo(1);
        assertThat(new Attribution(geo).inCountry(s, "BR").ipv4().contains((int) ip("200.200.1.1"))).isTrue();
    }

    @Test
    void rangesMergeAndTheSortedWalkAgreesWithLookingEachAddressUp() {
        RangeTable t = new RangeTable.Builder().add(10, 19, "A").add(20, 29, "A").add(25, 40, "B").add(100, 200, "C").build();
        assertThat(t.size()).as("A's neighbours joined; B, starting later, clipped to 30-40").isEqualTo(3);
        assertThat(t.labelOf(25)).isEqualTo(t.labelOf("A"));
        assertThat(t.labelOf(35)).isEqualTo(t.labelOf("B"));
        assertThat(t.labelOf(50)).isEqualTo(-1);
        RangeTable big = countries();
        SplittableRandom random = new SplittableRandom(4);
        RoaringBitmap b = new RoaringBitmap();
        for (int i = 0; i < 200_000; i++) {
            b.add(random.nextInt());
        }
        long[] walked = big.count(b.toMutableRoaringBitmap());
        Map<Integer, Long> looked = new HashMap<>();
        b.forEach((int a) -> looked.merge(big.labelOf(a), 1L, Long::sum));
        for (int label = 0; label < big.labelCount(); label++) {
            assertThat(walked[label]).isEqualTo(looked.getOrDefault(label, 0L)).isEqualTo(big.count(b.toMutableRoaringBitmap(), label));
        }
        assertThat(walked[big.labelCount()]).isEqualTo(looked.get(-1));
    }

    @Test
    void networksGroupByAsAndByPrefix() throws Exception {
        Path csv = dir.resolve("asn.csv");
        Files.writeString(csv, ip("126.0.0.0") + "," + ip("126.127.255.255") + ",17676,\"SoftBank Corp., mobile\"\n"
                + ip("177.0.0.0") + "," + ip("177.255.255.255") + ",28573,Claro NXT\n");
        GeoData geo = new GeoData(CountryDatabase.of(countries()), AsnTable.read(csv), List.of());
        SourceSet s = sources("126.1.1.1", "126.1.1.2", "126.1.2.1", "126.200.0.1", "177.9.9.9");
        Attribution a = new Attribution(geo);
        assertThat(a.networks(s, Attribution.By.ASN, 0)).containsExactly(
                new GeoRows.Network("AS17676", "SoftBank Corp., mobile", 3, 0.6),
                new GeoRows.Network("AS28573", "Claro NXT", 1, 0.2),
                new GeoRows.Network("unknown", "", 1, 0.2));
        assertThat(a.networks(s, Attribution.By.PREFIX24, 1)).containsExactly(
                new GeoRows.Network("126.1.1.0/24", "AS17676 SoftBank Corp., mobile", 2, 0.4));
        assertThat(a.networks(a.inCountry(s, "JP"), Attribution.By.PREFIX16, 0)).extracting(GeoRows.Network::network)
                .containsExactly("126.1.0.0/16", "126.200.0.0/16");
    }

    @Test
    void withoutDataEveryAnswerIsUnknownAndNothingFails() throws Exception {
        try (GeoData none = GeoData.none()) {
            Attribution a = new Attribution(none);
            SourceSet s = sources("177.1.1.1", "126.1.1.1");
            assertThat(a.countryTable(s, 10)).containsExactly(new GeoRows.Country("unknown", 2, 1), new GeoRows.Country("total", 2, 1));
            assertThat(a.networks(s, Attribution.By.ASN, 10)).containsExactly(new GeoRows.Network("unknown", "", 2, 1));
            assertThat(none.credits()).singleElement().asString().contains("no GeoIP data");
        }
    }

    @Test
    void aDamagedDatabaseIsAnErrorThatSaysWhatToDo() throws Exception {
        Path bad = dir.resolve("bad.mmdb");
        Files.write(bad, new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> GeoData.open(dir, bad, null).countries()).hasMessageContaining("cannot read the GeoIP data")
                .hasMessageContaining("geo fetch");
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "one,two,three\n");
        assertThatThrownBy(() -> GeoData.open(dir, null, csv).asns()).hasMessageContaining("bad.csv:1");
    }
}
