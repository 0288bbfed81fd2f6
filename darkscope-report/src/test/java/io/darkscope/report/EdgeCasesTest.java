package io.darkscope.report;

import io.darkscope.geo.GeoData;
import io.darkscope.query.QueryService;
import io.darkscope.store.Provenance;
import io.darkscope.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An empty store, a year the store does not have, and a year without any increase: each a short, sensible report. */
class EdgeCasesTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyStoreGivesAReportThatSaysSo() throws Exception {
        Store.open(dir.resolve("data")).close();
        try (Store store = Store.openReadOnly(dir.resolve("data")); GeoData geo = GeoData.none()) {
            for (Language language : Language.values()) {
                Document report = ReportTest.parse(HtmlReport.render(ReportData.gather(new QueryService(store, geo), ReportOptions.of(2016, "JP")), language));
                assertThat(ReportTest.select(report, "//p[@id='empty']").getLength()).isEqualTo(1);
                assertThat(ReportTest.select(report, "//*[local-name()='svg']").getLength()).isZero();
                assertThat(ReportTest.select(report, "//table[@id='table1']/tr[td]").getLength()).isZero();
                assertThat(ReportTest.select(report, "//ul[@id='credit-list']/li").getLength()).as("credits, even with no data").isPositive();
            }
        }
    }

    @Test
    void aLiveSensorsYearSaysHowMuchOfItWasObserved() throws Exception {
        ReportFixture fixture = ReportFixture.shared();
        try (Store store = Store.open(fixture.copyTo(dir))) {
            ZoneId zone = store.zone().orElseThrow();
            long march = LocalDate.of(2016, 3, 1).atStartOfDay(zone).toEpochSecond() * 1_000_000_000L;
            long day = 86_400L * 1_000_000_000L;
            // two days with packets (1,000 received, 8 dropped by the kernel and 2 by the interface), then half a day silent
            store.commit(new Provenance.Stream("tap0", march, march + 2 * day, new Provenance.CaptureStats(1_000, 8, 2)), List.of(),
                    march / 1_000_000_000L, store.registry(), zone);
            store.commit(new Provenance.Stream("tap0", march + 2 * day, march + 5 * day / 2, new Provenance.CaptureStats(0, 0, 0)), List.of(),
                    march / 1_000_000_000L, store.registry(), zone);
            Document report = ReportTest.parse(HtmlReport.render(ReportData.gather(new QueryService(store, fixture.geo),
                    ReportOptions.of(2016, null)), Language.EN));
            // 2.5 of 2016's 366 days observed, 0.5 of them silent; 10 of 1,000 packets dropped
            assertThat(ReportTest.select(report, "//p[@class='observed']").item(0).getTextContent())
                    .startsWith("Sensor tap0 observed the darknet 0.7% of the time in 2016 (0.1% of the year with nothing arriving")
                    .endsWith("of the 1,000 packets it received, 10 were dropped (1.0%).");
        }
        Document files = ReportTest.parse(fixture.html(Language.EN));
        assertThat(ReportTest.select(files, "//p[@class='observed']").getLength()).as("captures from files say nothing of it").isZero();
    }

    @Test
    void aYearWithoutDataAndAYearWithoutIncreases() throws Exception {
        ReportFixture fixture = ReportFixture.shared();
        try (Store store = Store.open(fixture.copyTo(dir))) {
            QueryService service = new QueryService(store, fixture.geo);
            Document otherYear = ReportTest.parse(HtmlReport.render(ReportData.gather(service, ReportOptions.of(2015, null)), Language.EN));
            assertThat(ReportTest.select(otherYear, "//p[@id='empty']").getLength()).isEqualTo(1);
            assertThat(ReportTest.values(otherYear, "//table[@id='table1']")).as("Table 1 still lists the years there are").hasSize(1);

            service.detectEvents(null, null, 1_000_000, 10);
            Document quiet = ReportTest.parse(HtmlReport.render(ReportData.gather(service, ReportOptions.of(2016, null)), Language.JA));
            assertThat(ReportTest.select(quiet, "//p[@id='no-events']").getLength()).isEqualTo(1);
            assertThat(ReportTest.select(quiet, "//figure[@id='figure4'] | //table[@class='countries']").getLength()).isZero();
            assertThat(ReportTest.select(quiet, "//figure[@id='figure1']").getLength()).as("the year's counts are still there").isEqualTo(1);
        }
    }
}
