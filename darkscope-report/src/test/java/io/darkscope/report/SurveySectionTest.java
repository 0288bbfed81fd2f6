package io.darkscope.report;

import io.darkscope.darknet.Prefix;
import io.darkscope.query.QueryService;
import io.darkscope.query.WatchedSource;
import io.darkscope.sim.Simulator;
import io.darkscope.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report's survey scanners: how to import a list when there is none; with one, the listed
 * organisations, and their share in Table 1 and Figures 1-3, against what tcpdump counts from
 * the same captures.
 */
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
            assertSharesAreTcpdumps(report, fixture.data.resolveSibling("simulation").resolve(Simulator.CAPTURES));
        }
    }

    /** What tcpdump reads of the listed network's packets: per day, packets and distinct TCP sources; per port, packets. */
    private record Listed(Map<String, Long> packets, Map<String, Set<String>> tcpSources, Map<String, Long> ports) {
    }

    private static void assertSharesAreTcpdumps(Document report, Path captures) throws Exception {
        assumeTrue(tcpdumpRuns(), "tcpdump is not installed (apt-get install tcpdump)");
        Listed listed = tcpdump(captures);
        List<String> year = ReportTest.values(report, "//table[@id='table1']").stream().filter(r -> r.get(0).isEmpty()).findFirst().orElseThrow();
        long yearPackets = Long.parseLong(year.get(1));
        long surveyPackets = listed.packets().values().stream().mapToLong(Long::longValue).sum();
        assertThat(surveyPackets).isPositive();
        assertThat(Double.parseDouble(year.get(4))).as("Table 1: the year's survey share").isCloseTo(surveyPackets / (double) yearPackets, within(1e-12));

        NodeList days = ReportTest.select(report, "//table[@id='figure1-data']/tr[td]");
        assertThat(days.getLength()).isPositive();
        for (int i = 0; i < days.getLength(); i++) {
            String day = ((Element) days.item(i)).getAttribute("data-date");
            assertThat(lastValue(days.item(i))).as("Figure 1, " + day).isEqualTo(listed.packets().getOrDefault(day, 0L));
        }
        days = ReportTest.select(report, "//table[@id='figure2-data']/tr[td]");
        for (int i = 0; i < days.getLength(); i++) {
            String day = ((Element) days.item(i)).getAttribute("data-date");
            assertThat(lastValue(days.item(i))).as("Figure 2, " + day).isEqualTo(listed.tcpSources().getOrDefault(day, Set.of()).size());
        }
        List<List<String>> ports = ReportTest.values(report, "//table[@id='figure3-data']");
        NodeList names = ReportTest.select(report, "//table[@id='figure3-data']/tr/td[1]");
        int checked = 0;
        for (int i = 0; i < ports.size(); i++) {
            String key = names.item(i).getTextContent().toLowerCase(Locale.ROOT);
            if (key.endsWith("/tcp") || key.endsWith("/udp")) {
                double share = listed.ports().getOrDefault(key, 0L) / (double) Long.parseLong(ports.get(i).get(1));
                assertThat(Double.parseDouble(ports.get(i).get(4))).as("Figure 3, " + key).isCloseTo(share, within(1e-12));
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    /** The value of a figure's data row in its last column: the survey scanners'. */
    private static long lastValue(Node row) {
        NodeList cells = ((Element) row).getElementsByTagName("td");
        return Long.parseLong(((Element) cells.item(cells.getLength() - 1)).getAttribute("data-value"));
    }

    private static boolean tcpdumpRuns() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("tcpdump", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads every capture with tcpdump, the listed network's packets only; days in UTC, the fixture's time zone. */
    private static Listed tcpdump(Path captures) throws Exception {
        Listed listed = new Listed(new HashMap<>(), new HashMap<>(), new HashMap<>());
        Pattern line = Pattern.compile("^(\\d+)\\.\\d+ IP (\\d+\\.\\d+\\.\\d+\\.\\d+)(?:\\.\\d+)? > [\\d.]+?(?:\\.(\\d+))?: (tcp|UDP|ICMP)");
        try (var files = Files.list(captures)) {
            for (Path file : files.sorted().toList()) {
                Process p = new ProcessBuilder("tcpdump", "-nn", "-q", "-tt", "-r", file.toString(), "src net " + PREFIX)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String text; (text = out.readLine()) != null; ) {
                        Matcher m = line.matcher(text);
                        assertThat(m.find()).as(text).isTrue();
                        String day = LocalDate.ofInstant(Instant.ofEpochSecond(Long.parseLong(m.group(1))), ZoneOffset.UTC).toString();
                        listed.packets().merge(day, 1L, Long::sum);
                        if (m.group(4).equals("tcp")) {
                            listed.tcpSources().computeIfAbsent(day, d -> new HashSet<>()).add(m.group(2));
                        }
                        if (m.group(3) != null && !m.group(4).equals("ICMP")) {
                            listed.ports().merge(m.group(3) + "/" + m.group(4).toLowerCase(Locale.ROOT), 1L, Long::sum);
                        }
                    }
                }
                assertThat(p.waitFor()).isZero();
            }
        }
        return listed;
    }
}
