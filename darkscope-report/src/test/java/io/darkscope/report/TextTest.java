package io.darkscope.report;

import io.darkscope.query.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Words, number and date styles and event sentences, against the seed's own renderings and hand-computed cases. */
class TextTest {
    /** Two Japanese characters with a space between, or a space beside full-width punctuation: what Japanese never writes. */
    static final Pattern SPACE_IN_JAPANESE = Pattern.compile(
            "[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}、。（）「」：] [\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}、。（）「」：]|[、。（）「」：] | [、。（）「」：]");
    private static final String COUNTRY_CREDIT = "countries: ip-location-db geo-whois-asn-country 2.3.2026061719 "
            + "(npm @ip-location-db/geo-whois-asn-country-mmdb), CC0 1.0, built from NRO data (CC BY 4.0, nro.net)";
    private static final String ASN_CREDIT = "AS: ip-location-db asn 2.3.2026061719 (npm @ip-location-db/asn), CC BY 4.0, "
            + "data from RouteViews, DB-IP (db-ip.com) and the NRO";
    private static final Event TR069 = new Event("new", "7547/tcp", LocalDate.of(2016, 11, 26), LocalDate.of(2016, 11, 27),
            486, 0, 486, LocalDate.of(2016, 12, 25), List.of("BR=240", "IR=68", "GB=51", "CL=20", "TR=18"),
            List.of("AS26615 TIM S/A=33", "AS26599 TELEFONICA BRASIL S.A=31", "AS28573 Claro NXT Telecomunicacoes Ltda=30",
                    "AS58224 Iran Telecommunication Company PJS=23", "AS8075 Microsoft Corporation=19"));
    private static final Event JAPAN_SPIKE = new Event(Event.COUNTRY_SPIKE, "JP 23/tcp", LocalDate.of(2016, 12, 1),
            LocalDate.of(2016, 12, 7), 99, 15, 6.6, null, List.of("JP=61"),
            List.of("AS17676 SoftBank Corp.=46", "AS2516 KDDI CORPORATION=5", "unknown=2", "126.200.0.0/16 AS17676 SoftBank Corp.=30",
                    "126.201.0.0/16 AS17676 SoftBank Corp.=12"));
    private static final Event EARLY_MIRAI = new Event("rise", "mirai/early", LocalDate.of(2016, 8, 3), LocalDate.of(2016, 9, 15),
            1_206_589, 2.5, 482_635.6, null, List.of(), List.of());

    private final Text ja = new Text(Language.JA);
    private final Text en = new Text(Language.EN);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "128148376529 | 約 1,281 億 | about 128.1 billion", // the seed's Table 1, 2016
            "300000       | 約 30 万    | about 300 thousand",  // ~300K addresses
            "16384        | 約 2 万     | about 16 thousand",   // 2005's darknet
            "9977124      | 約 998 万   | about 10.0 million",
            "150000000    | 約 2 億     | about 150.0 million",
            "9999         | 9,999       | 9,999",
            "0            | 0           | 0"})
    void approximateCountsFollowTheSeedsStyle(long n, String japanese, String english) {
        assertThat(ja.approx(n)).isEqualTo(japanese);
        assertThat(en.approx(n)).isEqualTo(english);
    }

    @ParameterizedTest
    @CsvSource({"469104, '469,104'", "1281, '1,281'", "5, 5"})
    void exactCountsAreGroupedInEveryLanguage(long n, String shown) {
        assertThat(ja.count(n)).isEqualTo(shown);
        assertThat(en.count(n)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource({"2016-09-20, 2016年9月20日, 9月20日, 20 Sep 2016, 20 Sep", "2016-12-01, 2016年12月1日, 12月1日, 1 Dec 2016, 1 Dec"})
    void datesAreWrittenAsEachLanguageWritesThem(LocalDate date, String jaLong, String jaShort, String enLong, String enShort) {
        assertThat(ja.date(date)).isEqualTo(jaLong);
        assertThat(ja.shortDate(date)).isEqualTo(jaShort);
        assertThat(en.date(date)).isEqualTo(enLong);
        assertThat(en.shortDate(date)).isEqualTo(enShort);
    }

    @ParameterizedTest
    @CsvSource({"0.539, 53.9%", "0.0004, 0.0%", "1, 100.0%"})
    void sharesArePercentWithOneDecimal(double share, String shown) {
        assertThat(en.percent(share)).isEqualTo(shown);
    }

    @org.junit.jupiter.api.Test
    void everyJapaneseMessageFillsItsArguments() {
        assertThat(ja.get("title", "2017")).isEqualTo("ダークネット観測レポート 2017");
        assertThat(en.get("table2.caption", "2", "23/TCP or 2323/TCP", "20 Sep 2016"))
                .isEqualTo("Table 2: Countries of the sources on 23/TCP or 2323/TCP on 20 Sep 2016");
    }

    @Test
    void japaneseHasNoSpaceBesideJapaneseWhateverFillsTheMessage() {
        assertThat(ja.get("subtitle", ja.date(LocalDate.of(2016, 7, 23)))).isEqualTo("2016年7月23日に darkscope がストアの観測データから作成しました。");
        assertThat(ja.get("darknet.size", "2016", ja.approx(300_000), ja.count(300_000), "366", "366"))
                .isEqualTo("2016 年のダークネットは約 30 万（1 日平均 300,000）の IPv4 アドレスを観測し、年間 366 日のうち 366 日分のデータがあります。");
        assertThat(ja.get("table2.caption", "2", "23/TCP または 2323/TCP", "2016年9月20日"))
                .isEqualTo("表 2: 2016年9月20日に 23/TCP または 2323/TCP を観測した送信元の国別内訳");
    }

    @Test
    void noJapaneseMessageLeavesASpaceBetweenJapaneseCharacters() {
        ResourceBundle messages = ResourceBundle.getBundle("io.darkscope.report.messages", Locale.JAPANESE);
        for (String key : messages.keySet()) {
            String filled = ja.get(key, "日本", "日本", "日本", "日本", "日本", "日本", "日本");
            assertThat(SPACE_IN_JAPANESE.matcher(filled).find()).as(key + ": " + filled).isFalse();
        }
    }

    @Test
    void listsAreWrittenAsEachLanguageWritesThem() {
        assertThat(en.list(List.of("Brazil", "Iran", "the United Kingdom"))).isEqualTo("Brazil, Iran and the United Kingdom");
        assertThat(en.list(List.of("Brazil", "Iran"))).isEqualTo("Brazil and Iran");
        assertThat(en.list(List.of("Brazil"))).isEqualTo("Brazil");
        assertThat(ja.list(List.of("ブラジル", "イラン", "イギリス"))).isEqualTo("ブラジル、イラン、イギリス");
    }

    @Test
    void anEnglishReportStaysEnglishOnAJapaneseDesktop() {
        Locale desktop = Locale.getDefault();
        Locale.setDefault(Locale.JAPAN);
        try {
            assertThat(new Text(Language.EN).get("title", "2016")).isEqualTo("Darknet Observation Report 2016");
        } finally {
            Locale.setDefault(desktop);
        }
    }

    @Test
    void geoCreditsAreTranslatedWithTheirLicencesAndAddressesAsTheyAre() {
        assertThat(en.geoCredit(COUNTRY_CREDIT)).isEqualTo(COUNTRY_CREDIT);
        assertThat(ja.geoCredit(COUNTRY_CREDIT)).isEqualTo("国のデータ：ip-location-db geo-whois-asn-country 2.3.2026061719"
                + "（npm @ip-location-db/geo-whois-asn-country-mmdb）、CC0 1.0、NRO のデータから作成（CC BY 4.0、nro.net）");
        assertThat(ja.geoCredit(ASN_CREDIT)).isEqualTo("AS のデータ：ip-location-db asn 2.3.2026061719（npm @ip-location-db/asn）、"
                + "CC BY 4.0、RouteViews、DB-IP（db-ip.com）、NRO のデータ");
        assertThat(ja.geoCredit("no GeoIP data: countries and AS are unknown (run 'darkscope geo fetch')"))
                .isEqualTo("GeoIP データがないため、国と AS は不明です（darkscope geo fetch で取得できます）。");
    }

    @Test
    void anOutbreakIsProseNamingItsTopThreeCountriesAndNetworks() {
        assertThat(prose(en).statement(TR069)).isEqualTo("7547/TCP appeared on 26 Nov 2016 and peaked on 27 Nov 2016 with 486 distinct "
                + "sources a day; it ended on 25 Dec 2016. The new sources came mostly from Brazil (240), Iran (68) and the United "
                + "Kingdom (51); the largest networks were AS26615 TIM S/A (33), AS26599 TELEFONICA BRASIL S.A (31) and AS28573 Claro "
                + "NXT Telecomunicacoes Ltda (30).");
        assertThat(prose(ja).statement(TR069)).isEqualTo("7547/TCP は 2016年11月26日に出現し、2016年11月27日に 1 日あたり 486 件の"
                + "ユニークな送信元でピークとなりました。2016年12月25日に終息しました。新しい送信元は主にブラジル（240）、イラン（68）、"
                + "イギリス（51）からで、多かったネットワークは AS26615 TIM S/A（33）、AS26599 TELEFONICA BRASIL S.A（31）、"
                + "AS28573 Claro NXT Telecomunicacoes Ltda（30）でした。");
    }

    @Test
    void aCountrySpikeNamesItsNetworksAndPrefixes() {
        assertThat(prose(en).statement(JAPAN_SPIKE)).isEqualTo("Sources in Japan on 23/TCP rose on 1 Dec 2016 from about 15.0 a day to 99 "
                + "on 7 Dec 2016; it was still going on at the end of the period. The largest networks of the new sources were AS17676 "
                + "SoftBank Corp. (46), AS2516 KDDI CORPORATION (5) and networks not in the AS table (2). Their busiest /16 prefixes were "
                + "126.200.0.0/16 (30) and 126.201.0.0/16 (12).");
        assertThat(prose(ja).statement(JAPAN_SPIKE)).isEqualTo("日本から 23/TCP への送信元は 2016年12月1日に 1 日あたり約 15.0 件から増加し、"
                + "2016年12月7日に 99 件に達しました。期間の終わりまで続いていました。新しい送信元の多かったネットワークは AS17676 SoftBank "
                + "Corp.（46）、AS2516 KDDI CORPORATION（5）、AS 表にないネットワーク（2）でした。/16 プレフィックスでは 126.200.0.0/16（30）、"
                + "126.201.0.0/16（12）が多く見られました。");
    }

    @Test
    void aFingerprintIsNamedInWords() {
        assertThat(prose(en).statement(EARLY_MIRAI)).isEqualTo("Early Mirai variant (fixed IP ID) rose on 3 Aug 2016 from about 2.5 distinct "
                + "sources a day to 1,206,589 on 15 Sep 2016 (482635.6 times); it was still going on at the end of the period.");
        assertThat(prose(ja).statement(EARLY_MIRAI)).isEqualTo("初期の Mirai 亜種（IP ID が固定）は 2016年8月3日に 1 日あたり約 2.5 件から"
                + "増加し、2016年9月15日に 1,206,589 件（482635.6 倍）に達しました。期間の終わりまで続いていました。");
    }

    private static EventProse prose(Text text) {
        return new EventProse(text, new Names(text));
    }
}
