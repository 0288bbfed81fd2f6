package io.darkscope.report;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

/**
 * A report's words and number styles in one language: the messages of
 * {@code messages_*.properties}, exact and approximate counts (the seed's 約 1,281 億 and
 * 約 30 万 in Japanese, "about 128.1 billion" in English), shares, dates and lists. Japanese
 * messages are set as the seed sets them: a space between Japanese and Latin letters or
 * digits ("2016 年", "IP アドレス"), none between two Japanese characters nor beside
 * full-width punctuation, whatever the arguments filled in ("2016年7月23日に").
 */
public final class Text {
    private static final long MAN = 10_000L;
    private static final long OKU = 100_000_000L;
    private static final String MESSAGES = "io.darkscope.report.messages";
    /** Kana, kanji, CJK symbols and full-width forms; then the punctuation among them. */
    private static final String JAPANESE = "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\u3000-\\u303f\\uff00-\\uffef";
    private static final String FULL_WIDTH_PUNCTUATION = "\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65";
    private static final Pattern SPACE_JAPANESE_OMITS = Pattern.compile("(?<=[" + JAPANESE + "]) +(?=[" + JAPANESE + "])"
            + "|(?<=[" + FULL_WIDTH_PUNCTUATION + "]) +| +(?=[" + FULL_WIDTH_PUNCTUATION + "])");
    /** The phrases of the GeoIP data's credit lines, which geo fetch writes in English, in the order they are replaced. */
    private static final List<String> GEO_CREDIT_PHRASES = List.of("credits.geo.none", "credits.geo.countries", "credits.geo.asns",
            "credits.geo.npm", "credits.geo.licence", "credits.geo.countrySource", "credits.geo.asnSources");
    private static final ResourceBundle ENGLISH = bundle(Language.EN);

    private final Language language;
    private final ResourceBundle messages;
    private final NumberFormat counts;
    private final DateTimeFormatter longDate;
    private final DateTimeFormatter shortDate;

    public Text(Language language) {
        this.language = language;
        this.messages = bundle(language);
        this.counts = NumberFormat.getIntegerInstance(Locale.ROOT);
        this.counts.setGroupingUsed(true);
        this.longDate = DateTimeFormatter.ofPattern(messages.getString("format.date.long"), language.locale());
        this.shortDate = DateTimeFormatter.ofPattern(messages.getString("format.date.short"), language.locale());
    }

    /** The messages of a language, without the JVM's default locale as a fallback: an English report on a Japanese desktop stays English. */
    private static ResourceBundle bundle(Language language) {
        return ResourceBundle.getBundle(MESSAGES, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Language language() {
        return language;
    }

    /** The message {@code key} with its {@code {0}}, {@code {1}} ... filled in, set in the language's typography. */
    public String get(String key, Object... arguments) {
        String pattern = messages.getString(key);
        String message = arguments.length == 0 ? pattern : new MessageFormat(pattern, language.locale()).format(arguments);
        return language == Language.JA ? SPACE_JAPANESE_OMITS.matcher(message).replaceAll("") : message;
    }

    /** Items as a sentence lists them: "A, B and C"; 「A、B、C」. */
    public String list(List<String> items) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        String init = String.join(get("list.separator"), items.subList(0, items.size() - 1));
        return init + get("list.last") + items.get(items.size() - 1);
    }

    /** A credit line of the GeoIP data in this language: its phrases translated; names, versions, licences and URLs as they are. */
    public String geoCredit(String line) {
        String translated = line;
        for (String phrase : GEO_CREDIT_PHRASES) {
            translated = translated.replace(ENGLISH.getString(phrase), get(phrase));
        }
        return translated;
    }

    /** Whether there is a message {@code key}. */
    public boolean has(String key) {
        return messages.containsKey(key);
    }

    /** An exact count with thousands separators: 469,104. */
    public String count(long n) {
        return counts.format(n);
    }

    /** A rounded count as the seed writes large ones: 約 1,281 億, 約 30 万; about 128.1 billion. */
    public String approx(long n) {
        return language == Language.JA ? approxJapanese(n) : approxEnglish(n);
    }

    private String approxJapanese(long n) {
        if (n >= OKU) {
            return "約 " + counts.format(Math.round((double) n / OKU)) + " 億";
        }
        if (n >= MAN) {
            return "約 " + counts.format(Math.round((double) n / MAN)) + " 万";
        }
        return counts.format(n);
    }

    private String approxEnglish(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "about %.1f billion", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "about %.1f million", n / 1e6);
        }
        if (n >= 10_000L) {
            return "about " + counts.format(Math.round(n / 1000.0)) + " thousand";
        }
        return counts.format(n);
    }

    /** A share in percent with one decimal: 53.9%. */
    public String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** A ratio with one decimal: 3.2. */
    public String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** 20 Sep 2016, 2016年9月20日. */
    public String date(LocalDate date) {
        return longDate.format(date);
    }

    /** 20 Sep, 9月20日. */
    public String shortDate(LocalDate date) {
        return shortDate.format(date);
    }
}
