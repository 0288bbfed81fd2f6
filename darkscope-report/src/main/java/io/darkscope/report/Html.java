package io.darkscope.report;

/**
 * Writes well-formed HTML (it parses as XML too, which the tests check): every text and
 * attribute value escaped, every element closed.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(1 << 20);

    /** Opens an element; attributes come as name, value pairs (a null value leaves the attribute out). */
    Html open(String tag, String... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(tag).append(">\n");
        return this;
    }

    /** An element holding only text. */
    Html element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    Html text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Markup made elsewhere and already well-formed (the charts' SVG, the style sheet). */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
