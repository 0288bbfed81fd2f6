package io.darkscope.geo;

import com.maxmind.db.Reader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On the real ip-location-db data (in the user's cache, {@link GeoTestData}): darkscope's range
 * table answers what MaxMind's own reader
 * answers, address by address.
 */
class RealDatabaseTest {
    @BeforeEach
    void needsTheData() {
        assumeTrue(GeoTestData.present(), GeoTestData.ABSENT);
    }

    @Test
    void theRangeTableAgreesWithMaxMindsReader() throws Exception {
        Path file = GeoTestData.directory().resolve(GeoData.COUNTRY_FILE);
        try (CountryDatabase db = CountryDatabase.open(file); Reader reader = new Reader(new File(file.toString()))) {
            SplittableRandom random = new SplittableRandom(1);
            int known = 0;
            for (int i = 0; i < 20_000; i++) {
                int a = random.nextInt();
                InetAddress address = InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(a).array());
                String expected = CountryDatabase.countryOf(reader.get(address, Map.class));
                int label = db.ipv4().labelOf(a);
                assertThat(label < 0 ? GeoData.UNKNOWN : db.ipv4().name(label)).as(address.getHostAddress()).isEqualTo(expected);
                known += label < 0 ? 0 : 1;
            }
            assertThat(known).as("most of the address space has a country").isGreaterThan(10_000);
        }
    }

    @Test
    void theAsTableHasTheWholeInternet() throws Exception {
        Path csv = GeoTestData.directory().resolve(GeoData.ASN_FILE);
        AsnTable asns = AsnTable.read(csv);
        assertThat(asns.ipv4().labelCount()).isGreaterThan(50_000);
        int cloudflare = asns.ipv4().labelOf((int) (1L << 24 | 1));
        assertThat(asns.ipv4().name(cloudflare)).isEqualTo("AS13335");
        assertThat(asns.organisation("AS13335")).contains("Cloudflare");
    }
}
