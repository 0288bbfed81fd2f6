package io.darkscope.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Number and date styles, against the seed's own renderings and hand-computed cases. */
class TextTest {
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
}
