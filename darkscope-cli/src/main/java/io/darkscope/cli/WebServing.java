package io.darkscope.cli;

import io.darkscope.web.WebOptions;
import picocli.CommandLine.Option;

/** Where and how the API and dashboard are served: by {@code serve}, and by {@code observe --serve} beside its sensor. */
final class WebServing {
    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = WebOptions.DEFAULT_BIND, description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + WebOptions.DEFAULT_PORT, description = "Port; 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:DARKSCOPE_TOKEN}",
            description = "Every request must send 'Authorization: Bearer TOKEN' (default: $DARKSCOPE_TOKEN, which keeps it out of ps).")
    String token;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "en", description = "The dashboard's language unless a request asks: en or ja (default: ${DEFAULT-VALUE}).")
    String language;

    WebOptions options() {
        return new WebOptions(bind, port, token, language);
    }
}
