package io.darkscope.report;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * A report's words and number styles in one language: the messages of
 * {@code messages_*.properties}, exact and approximate counts (the seed's 約 1,281 億 and
 * 約 30 万 in Japanese, "about 128.1 billion" in English), shares and dates.
 */
public final class Text {
    private static final long MAN = 10_000L;
    private static final long OKU = 100_000_000L;

    private final Language language;
    private final ResourceBundle messages;
    private final NumberFormat counts;
    private final DateTimeFormatter longDate;
    private final DateTimeFormatter shortDate;

    public Text(Language language) {
        this.language = language;
        this.messages = ResourceBundle.getBundle("io.darkscope.report.messages", language.locale());
        this.counts = NumberFormat.getIntegerInstance(Locale.ROOT);
        this.counts.setGroupingUsed(true);
        this.longDate = DateTimeFormatter.ofPattern(messages.getString("format.date.long"), language.locale());
        this.shortDate = DateTimeFormatter.ofPattern(messages.getString("format.date.short"), language.locale());
    }

    public Language language() {
        return language;
    }

    /** The message {@code key} with its {@code {0}}, {@code {1}} ... filled in. */
    public String get(String key, Object... arguments) {
        String pattern = messages.getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, language.locale()).format(arguments);
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
