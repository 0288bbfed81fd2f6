package io.darkscope.cli;

/**
 * Text made safe for a terminal: file names, AS names and values typed by a user may hold
 * control characters, and an escape sequence printed raw would move the cursor, change colours
 * or retitle the window. Every C0 control (tabs and newlines too: they would break a table's
 * line), DEL and every C1 control is written as its {@code \}{@code u00XX} escape.
 */
final class Printable {
    private Printable() {
    }

    static String of(String text) {
        if (text.chars().noneMatch(Printable::isControl)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            if (isControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.append((char) c);
            }
        });
        return b.toString();
    }

    private static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
