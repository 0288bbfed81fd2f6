package io.darkscope.survey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each list format, written here in the shape its publisher uses (documentation addresses, invented names). */
class SurveyListParserTest {
    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    @TempDir
    Path dir;

    private SurveyList parse(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return new SurveyListParser(FROM, null, "Example Org").parse(file);
    }

    @Test
    void nictJsonListsAddressesValidUntilTheyWereLastSeen() throws Exception {
        SurveyList list = parse("surveyscanner_2024_1Q.json", """
                [
                    {"ip":"192.0.2.10", "scanner":"Example Scan", "last_seen":"2024-03-27"},
                    {"ip":"2001:db8::1", "scanner":"Example Scan", "last_seen":"2024-03-27"}
                ]""");
        assertThat(list.format()).isEqualTo("nict-json");
        assertThat(list.source()).isEqualTo("surveyscanner_2024_1Q.json");
        assertThat(list.entries()).containsExactly(new SurveyList.Entry(0xC000020AL, 0xC000020AL, "Example Scan", FROM, LocalDate.of(2024, 3, 27)));
        assertThat(list.skipped()).as("IPv6").isEqualTo(1);
    }

    @Test
    void nictScanorgListsOrganisationsWithTheirTypeAndPage() throws Exception {
        SurveyList list = parse("scanorg_2024.csv", """
                scanner name,type,TCP port count,UDP port count,observed days,reference
                Example Scan,Threat Intelligence service,65535,65535,92,https://scan.example/
                "Example University, Lab",Research,2,0,29, -
                """);
        assertThat(list.format()).isEqualTo("nict-scanorg");
        assertThat(list.entries()).isEmpty();
        assertThat(list.organisations()).containsExactly(
                new SurveyList.Organisation("Example Scan", "Threat Intelligence service", "https://scan.example/"),
                new SurveyList.Organisation("Example University, Lab", "Research", ""));
    }

    @Test
    void cidrListsNameTheirOrganisationOnTheLineOrTakeTheOneGiven() throws Exception {
        SurveyList list = parse("scanners.txt", """
                # scanners
                198.51.100.0/24 Example Research Scanner
                203.0.113.7
                """);
        assertThat(list.format()).isEqualTo("cidr");
        assertThat(list.entries()).containsExactly(
                new SurveyList.Entry(0xC6336400L, 0xC63364FFL, "Example Research Scanner", FROM, null),
                new SurveyList.Entry(0xCB007107L, 0xCB007107L, "Example Org", FROM, null));
    }

    @Test
    void anotherServicesCsvExportIsValidBetweenFirstAndLastSeen() throws Exception {
        SurveyList list = parse("export.csv", """
                ip,name,first_seen,last_seen,tags
                192.0.2.20,Example Crawler,2024-02-01,2024-02-29T12:00:00Z,benign
                """);
        assertThat(list.format()).isEqualTo("service-csv");
        assertThat(list.entries()).containsExactly(new SurveyList.Entry(0xC0000214L, 0xC0000214L, "Example Crawler",
                LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)));
    }

    @Test
    void aCidrLineWithoutOrganisationNeedsOne(@TempDir Path other) throws Exception {
        Path file = other.resolve("bare.txt");
        Files.writeString(file, "192.0.2.0/24\n");
        assertThatThrownBy(() -> new SurveyListParser(null, null, null).parse(file)).hasMessageContaining("--organisation");
    }
}
