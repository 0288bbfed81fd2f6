package io.darkscope.report;

import io.darkscope.darknet.Prefix;
import io.darkscope.query.QueryService;
import io.darkscope.query.WatchedSource;
import io.darkscope.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's survey-scanner section: how to import a list when there is none, the listed organisations when there is one. */
class SurveySectionTest {
    /** The Japanese mobile network of report-year.yaml, listed here as if it were a survey scanner. */
    private static final String PREFIX = "126.200.0.0/14";

    @TempDir
    Path dir;

    @Test
    void withoutAListTheSectionSaysHowToImportOne() throws Exception {
        for (Language language : Language.values()) {
            Document report = ReportTest.parse(ReportFixture.shared().html(language));
            assertThat(ReportTest.select(report, "//section[@id='survey']/p[@id='no-survey']").getLength()).isEqualTo(1);
        }
    }

    @Test
    void aListedNetworkIsOneOrganisationWithItsSourcesAndShareOfTheYearsPackets() throws Exception {
        ReportFixture fixture = ReportFixture.shared();
        Path list = dir.resolve("example-survey.txt");
        Files.writeString(list, PREFIX + " Example Survey\n");
        try (Store store = Store.open(fixture.copyTo(dir))) {
            QueryService service = new QueryService(store, fixture.geo);
            service.importSurveyList(list, null, null, null);
            Set<String> seen = new HashSet<>();
            for (LocalDate day = LocalDate.of(2016, 1, 1); day.getYear() == 2016; day = day.plusDays(1)) {
                service.sourcesIn(List.of(Prefix.parse(PREFIX)), day).stream().map(WatchedSource::address).forEach(seen::add);
            }
            long yearPackets = service.yearly().get(0).packets();
            Document report = ReportTest.parse(HtmlReport.render(ReportData.gather(service, ReportFixture.OPTIONS), Language.EN));
            List<List<String>> rows = ReportTest.values(report, "//table[@id='survey-scanners']");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get(2)).as("distinct sources").isEqualTo(Long.toString(seen.size()));
            assertThat(Double.parseDouble(rows.get(0).get(4))).as("share of the year's packets")
                    .isEqualTo(Long.parseLong(rows.get(0).get(3)) / (double) yearPackets);
            assertThat(seen).isNotEmpty();
            assertThat(ReportTest.select(report, "//tr[@data-organisation='Example Survey']").getLength()).isEqualTo(1);
        }
    }
}
