package io.darkscope.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * How the server listens: the address to bind (loopback unless told otherwise), the port (0 for
 * any free one), the token every request must bear (required off loopback), and the dashboard's
 * language when a request names none.
 */
public record WebOptions(String bind, int port, String token, String language) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8642;
    /** The dashboard's languages. */
    public static final List<String> LANGUAGES = List.of("en", "ja");

    /**
     * @throws IllegalArgumentException if the port is out of range, the language unknown, the
     *                                  address not one of this machine's, or no token is given for
     *                                  an address other than loopback
     */
    public WebOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range 0-65535 (0: any free port)");
        }
        language = language.toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("unknown language '" + language + "' (en or ja)");
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("the token is empty");
        }
        if (token == null && !loopback(bind)) {
            throw new IllegalArgumentException("refusing to serve on " + bind + " without a token: anyone who reaches it could read the "
                    + "store; give a token (--token), or bind to 127.0.0.1");
        }
    }

    /** Loopback, port 8642, no token, English. */
    public static WebOptions defaults() {
        return new WebOptions(DEFAULT_BIND, DEFAULT_PORT, null, "en");
    }

    private static boolean loopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot bind to '" + bind + "': not an address of this machine");
        }
    }
}
