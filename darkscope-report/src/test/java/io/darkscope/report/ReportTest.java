package io.darkscope.report;

import io.darkscope.analysis.backscatter.DosQueries;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.analysis.traffic.TrafficRows;
import io.darkscope.geo.GeoRows;
import io.darkscope.query.Event;
import io.darkscope.query.QueryService;
import io.darkscope.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report against the query API: every value it prints is the API's answer to the same
 * question (read from the data-value attributes and the figures' data tables), the sentences
 * carry the events' numbers, and the document is well-formed XML with nothing fetched from
 * elsewhere.
 */
class ReportTest {
    private static final LocalDate FROM = LocalDate.of(2016, 1, 1);
    private static final LocalDate TO = LocalDate.of(2016, 12, 31);
    /** What a credit line keeps as the data gives it, in every language: licences, packages and files, addresses, versions. */
    private static final Pattern KEPT_AS_GIVEN = Pattern.compile("CC0 1\\.0|CC BY 4\\.0|[\\w@.-]*/[\\w./-]*\\w|[\\w-]+\\.(?:net|com)|\\d+\\.\\d+\\.\\d+");
    /** A table's or a figure's number in its caption: "Table 2a:", "表 2a:". */
    private static final Pattern NUMBER = Pattern.compile("^\\D*(\\d+[a-z]?):");

    private static ReportFixture fixture;
    private static Store store;
    private static QueryService service;
    private static final Map<Language, Document> reports = new EnumMap<>(Language.class);

    @BeforeAll
    static void renderBothLanguages() throws Exception {
        fixture = ReportFixture.shared();
        store = Store.openReadOnly(fixture.data);
        service = new QueryService(store, fixture.geo);
        for (Language language : Language.values()) {
            reports.put(language, parse(fixture.html(language)));
        }
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
    }

    /** Parses as XML: the report must be well-formed. */
    static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    static NodeList select(Document d, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET);
    }

    /** The data-value attributes of a table's rows, row by row (header rows have none). */
    static List<List<String>> values(Document d, String tableXpath) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        NodeList trs = select(d, tableXpath + "/tr[td]");
        for (int i = 0; i < trs.getLength(); i++) {
            NodeList tds = ((Element) trs.item(i)).getElementsByTagName("td");
            List<String> row = new ArrayList<>();
            for (int j = 0; j < tds.getLength(); j++) {
                row.add(((Element) tds.item(j)).getAttribute("data-value"));
            }
            rows.add(row);
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void table1IsEveryYearOfTheStore(Language language) throws Exception {
        List<List<String>> expected = new ArrayList<>();
        for (TrafficRows.Year y : service.yearly()) {
            expected.add(List.of("", Long.toString(y.packets()), Long.toString(y.addresses()), Double.toString(y.packetsPerAddress())));
        }
        assertThat(values(reports.get(language), "//table[@id='table1']")).isEqualTo(expected).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void figures1And2HoldTheDailyCountsOfTheDaysWithData(Language language) throws Exception {
        List<List<String>> packets = new ArrayList<>();
        List<List<String>> sources = new ArrayList<>();
        for (TrafficRows.Day d : service.daily(FROM, TO)) {
            packets.add(List.of("", n(d.packets().tcp()), n(d.packets().udp()), n(d.packets().icmp()), n(d.packets().other())));
            sources.add(List.of("", n(d.sources().tcp())));
        }
        Document report = reports.get(language);
        assertThat(values(report, "//table[@id='figure1-data']")).isEqualTo(packets).hasSize(122 - ReportFixture.REMOVED.size());
        assertThat(values(report, "//table[@id='figure2-data']")).isEqualTo(sources);
        for (LocalDate removed : ReportFixture.REMOVED) {
            assertThat(select(report, "//tr[@data-date='" + removed + "']").getLength()).as("a day without data has no row").isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void figure3IsTheTopTenPortsOfTheYear(Language language) throws Exception {
        List<List<String>> expected = new ArrayList<>();
        for (TrafficRows.Port p : service.ports(FROM, TO, 10, null)) {
            expected.add(List.of("", n(p.packets()), Double.toString(p.share()), n(p.sources())));
        }
        assertThat(values(reports.get(language), "//table[@id='figure3-data']")).isEqualTo(expected).hasSize(10);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void theIncreasesAreTheStoredEventsAndSayTheirNumbers(Language language) throws Exception {
        List<Event> events = service.events(FROM, TO);
        assertThat(events).extracting(Event::key).contains("7547/tcp", "mirai", "445/tcp");
        Document report = reports.get(language);
        List<String> listed = new ArrayList<>();
        NodeList items = select(report, "//ul[@class='events']/li");
        for (int i = 0; i < items.getLength(); i++) {
            listed.add(((Element) items.item(i)).getAttribute("data-key"));
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(events.stream().map(Event::key).toList());
        DateTimeFormatter date = DateTimeFormatter.ofPattern(language == Language.JA ? "yyyy年M月d日" : "d MMM yyyy", language.locale());
        for (Event e : events) {
            String sentence = select(report, "//ul[@class='events']/li[@data-key='" + e.key() + "' and @data-kind='" + e.kind() + "']")
                    .item(0).getTextContent();
            assertThat(sentence).contains(date.format(e.onset()), date.format(e.peakDate()),
                    String.format(Locale.ROOT, "%,d", e.peakSources()));
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void figure4DrawsTheEventPortsAndTheAskedOnes(Language language) throws Exception {
        Document report = reports.get(language);
        NodeList header = select(report, "//table[@id='figure4-data']/tr[1]/th");
        List<String> ports = new ArrayList<>();
        for (int i = 1; i < header.getLength(); i++) {
            ports.add(header.item(i).getTextContent().toLowerCase(Locale.ROOT));
        }
        assertThat(ports).contains("7547/tcp", "445/tcp", "22/tcp");
        List<List<String>> rows = values(report, "//table[@id='figure4-data']");
        for (int column = 0; column < ports.size(); column++) {
            Map<LocalDate, Long> bySource = new java.util.HashMap<>();
            service.sources(List.of(PortSpec.parse(ports.get(column))), FROM, TO, null).forEach(s -> bySource.put(s.date(), s.sources()));
            List<TrafficRows.Day> days = service.daily(FROM, TO);
            for (int r = 0; r < days.size(); r++) {
                assertThat(rows.get(r).get(column + 1)).as(ports.get(column) + " on " + days.get(r).date())
                        .isEqualTo(n(bySource.getOrDefault(days.get(r).date(), 0L)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void fingerprintsAreThoseOfTheYear(Language language) throws Exception {
        List<List<String>> expected = new ArrayList<>();
        for (FingerprintQueries.Row f : service.fingerprints(FROM, TO)) {
            FingerprintQueries.FingerprintDay peak = f.days().stream().max(java.util.Comparator.comparingLong(FingerprintQueries.FingerprintDay::sources)).orElseThrow();
            expected.add(List.of("", f.firstSeen().toString(), f.lastSeen().toString(), peak.date().toString(), n(peak.sources()),
                    n(f.days().stream().mapToLong(FingerprintQueries.FingerprintDay::packets).sum())));
        }
        assertThat(values(reports.get(language), "//table[@id='fingerprints']")).isEqualTo(expected).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void table2IsTheCountryTableOfEachPeakDay(Language language) throws Exception {
        NodeList tables = select(reports.get(language), "//table[@class='countries']");
        assertThat(tables.getLength()).isPositive();
        for (int i = 0; i < tables.getLength(); i++) {
            Element table = (Element) tables.item(i);
            LocalDate day = LocalDate.parse(table.getAttribute("data-day"));
            List<PortSpec> ports = PortSpec.parseList(table.getAttribute("data-ports"));
            List<List<String>> expected = new ArrayList<>();
            for (GeoRows.Country c : service.countries(ports, day, day, 10)) {
                expected.add(List.of("", n(c.sources()), Double.toString(c.share())));
            }
            assertThat(values(reports.get(language), "//table[@data-day='" + day + "']")).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void figure5IsTheCountrysDailySources(Language language) throws Exception {
        String port = service.ports(FROM, TO, 1, io.darkscope.decode.IpProtocol.TCP).get(0).port() + "/tcp";
        List<List<String>> expected = new ArrayList<>();
        service.sources(List.of(PortSpec.parse(port)), FROM, TO, "JP").forEach(d -> expected.add(List.of("", n(d.sources()))));
        assertThat(values(reports.get(language), "//table[@id='figure5-data']")).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void theDosTableIsTheLargestAttacks(Language language) throws Exception {
        List<DosQueries.DosAttack> attacks = service.dos(FROM, TO, 0);
        assertThat(attacks).isNotEmpty();
        List<List<String>> expected = new ArrayList<>();
        for (DosQueries.DosAttack a : attacks.subList(0, Math.min(10, attacks.size()))) {
            expected.add(List.of("", a.firstSeen(), Double.toString(a.durationSeconds()), n(a.packets()), Double.toString(a.peakPacketsPerSecond()),
                    Double.toString(a.estimatedAttackPacketsPerSecond()), ""));
        }
        assertThat(values(reports.get(language), "//table[@id='dos-attacks']")).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void theReportNeedsNothingFromElsewhereAndCreditsItsData(Language language) throws Exception {
        Document report = reports.get(language);
        assertThat(select(report, "//script | //link | //img | //*[@src] | //*[@href]").getLength()).isZero();
        assertThat(select(report, "//*[local-name()='svg']").getLength()).isEqualTo(5);
        assertThat(report.getDocumentElement().getAttribute("lang")).isEqualTo(language.code());
        NodeList ids = select(report, "//@id");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < ids.getLength(); i++) {
            all.add(ids.item(i).getNodeValue());
        }
        assertThat(all).as("ids, the charts' clip paths among them").doesNotHaveDuplicates().hasSizeGreaterThan(20);
        String credits = select(report, "//ul[@id='credit-list']").item(0).getTextContent();
        for (String c : fixture.geo.credits()) {
            for (String kept : language == Language.EN ? List.of(c) : kept(c)) {
                assertThat(credits).contains(kept);
            }
        }
    }

    private static List<String> kept(String credit) {
        List<String> kept = new ArrayList<>();
        for (Matcher m = KEPT_AS_GIVEN.matcher(credit); m.find(); ) {
            kept.add(m.group());
        }
        return kept;
    }

    @Test
    void japaneseCreditsAreInJapanese() throws Exception {
        String credits = select(reports.get(Language.JA), "//ul[@id='credit-list']").item(0).getTextContent();
        assertThat(credits).doesNotContain("countries:", "built from", "data from", "no GeoIP", "Methods", "Generated by");
    }

    @Test
    void japaneseLeavesNoSpaceBesideJapanese() throws Exception {
        NodeList texts = select(reports.get(Language.JA), "//body//text()");
        for (int i = 0; i < texts.getLength(); i++) {
            String t = texts.item(i).getNodeValue();
            assertThat(TextTest.SPACE_IN_JAPANESE.matcher(t).find()).as(t).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void sectionsTablesAndFiguresAreNumberedInOrderWithTable2TheCountries(Language language) throws Exception {
        Document report = reports.get(language);
        NodeList sections = select(report, "//section/h2");
        assertThat(sections.getLength()).as("darknet, year, increases, Japan, survey scanners, DoS, credits").isEqualTo(7);
        for (int i = 0; i < sections.getLength(); i++) {
            assertThat(sections.item(i).getTextContent()).startsWith((i + 1) + ". ");
        }
        TreeSet<LocalDate> peaks = new TreeSet<>();
        service.events(FROM, TO).stream().filter(e -> ReportData.isPortKey(e.key()))
                .forEach(e -> peaks.add(e.peakDate()));
        assertThat(peaks).hasSizeGreaterThan(1);
        List<String> tables = new ArrayList<>(List.of("1"));
        for (int i = 0; i < Math.min(ReportData.MAX_COUNTRY_TABLES, peaks.size()); i++) {
            tables.add("2" + (char) ('a' + i));
        }
        tables.addAll(List.of("3", "4"));
        assertThat(numbers(report, "//table/caption")).isEqualTo(tables);
        assertThat(numbers(report, "//table[@class='countries']/caption")).allMatch(n -> n.startsWith("2"));
        assertThat(numbers(report, "//figcaption")).containsExactly("1", "2", "3", "4", "5");
    }

    private static List<String> numbers(Document report, String captions) throws Exception {
        NodeList nodes = select(report, captions);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Matcher m = NUMBER.matcher(nodes.item(i).getTextContent());
            numbers.add(m.find() ? m.group(1) : nodes.item(i).getTextContent());
        }
        return numbers;
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void eventsNameTheirTopThreeCountriesAndNetworksInWords(Language language) throws Exception {
        Document report = reports.get(language);
        for (Event e : service.events(FROM, TO)) {
            String sentence = select(report, "//ul[@class='events']/li[@data-key='" + e.key() + "' and @data-kind='" + e.kind() + "']")
                    .item(0).getTextContent();
            assertThat(sentence).as(e.key()).doesNotContain("=");
            if (!ReportData.isPortKey(e.key()) && !e.kind().equals(Event.COUNTRY_SPIKE)) {
                assertThat(sentence).as("a fingerprint in words").doesNotContain(e.key());
            }
            List<String> countries = e.kind().equals(Event.COUNTRY_SPIKE) ? List.of() : e.topCountries();
            for (String country : countries.subList(0, Math.min(3, countries.size()))) {
                String[] named = country.split("=");
                String name = new Locale("", named[0]).getDisplayCountry(language.locale());
                assertThat(sentence).contains(counted(language, name, Long.parseLong(named[1])));
            }
            List<String> networks = e.topNetworks().stream().filter(n -> !n.split("[ =]")[0].contains("/")).toList();
            for (String network : networks.subList(0, Math.min(3, networks.size()))) {
                int equals = network.lastIndexOf('=');
                String name = network.substring(0, equals);
                if (!name.equals("unknown")) {
                    assertThat(sentence).contains(counted(language, name, Long.parseLong(network.substring(equals + 1))));
                }
            }
        }
    }

    private static String counted(Language language, String name, long count) {
        String n = String.format(Locale.ROOT, "%,d", count);
        return language == Language.JA ? name + "（" + n + "）" : name + " (" + n + ")";
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void fingerprintsAreNamedInWordsWithTheirKeyBeside(Language language) throws Exception {
        NodeList rows = select(reports.get(language), "//table[@id='fingerprints']/tr[td]");
        assertThat(rows.getLength()).isPositive();
        for (int i = 0; i < rows.getLength(); i++) {
            Element row = (Element) rows.item(i);
            String key = row.getAttribute("data-fingerprint");
            Element label = (Element) row.getElementsByTagName("td").item(0);
            assertThat(label.getElementsByTagName("code").item(0).getTextContent()).isEqualTo(key);
            assertThat(((Element) label.getElementsByTagName("span").item(0)).getTextContent()).as(key).isNotEqualTo(key).doesNotContain("/");
        }
    }

    @Test
    void japaneseTextIsJapanese() throws Exception {
        String title = select(reports.get(Language.JA), "//h1").item(0).getTextContent();
        assertThat(title).isEqualTo("ダークネット観測レポート 2016");
        assertThat(select(reports.get(Language.EN), "//h1").item(0).getTextContent()).isEqualTo("Darknet Observation Report 2016");
    }

    private static String n(long value) {
        return Long.toString(value);
    }
}
