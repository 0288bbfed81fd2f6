package io.darkscope.report;

import io.darkscope.geo.GeoData;
import io.darkscope.query.QueryService;
import io.darkscope.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.nio.file.Path;

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
