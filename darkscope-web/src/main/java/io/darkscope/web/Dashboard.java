package io.darkscope.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.darkscope.query.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard page in one language: dashboard.html with its {{key}} texts from messages.json,
 * and every message of the language embedded as JSON for the script (which writes the charts'
 * labels). The script and styles are files of their own, so no inline script runs.
 */
final class Dashboard {
    private static final Pattern KEY = Pattern.compile("\\{\\{([a-z_.]+)}}");
    private final String template;
    private final JsonNode messages;

    Dashboard() {
        template = resource("dashboard.html");
        try {
            messages = Json.MAPPER.readTree(resource("messages.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page in a language of {@link WebOptions#LANGUAGES}. */
    String page(String language) {
        JsonNode texts = messages.get(language);
        Matcher m = KEY.matcher(template);
        StringBuilder page = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String text = key.equals("lang") ? language : key.equals("messages") ? texts.toString() : texts.path(key).asText(null);
            if (text == null) {
                throw new IllegalStateException("no message '" + key + "' in " + language);
            }
            m.appendReplacement(page, Matcher.quoteReplacement(key.equals("messages") ? scriptSafe(text) : escape(text)));
        }
        return m.appendTail(page).toString();
    }

    /** JSON inside a script element: no "</" may end it early. */
    private static String scriptSafe(String json) {
        return json.replace("</", "<\\/");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
