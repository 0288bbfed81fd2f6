package io.darkscope.cli;

import io.darkscope.config.DarkscopeConfig;
import io.darkscope.geo.GeoData;
import io.darkscope.query.QueryService;
import io.darkscope.store.Store;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** Options every command takes: where the store is and which configuration file to read. */
final class DataOptions {
    /** The configuration file read when --config is not given, if it exists. */
    static final Path DEFAULT_CONFIG = Path.of("darkscope.yaml");

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "darkscope-data",
            description = "Data directory holding the store (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--config", paramLabel = "FILE", converter = Converters.ExistingFile.class,
            description = "Configuration file (default: ./darkscope.yaml if present).")
    Path config;

    /** A question to the query service. */
    interface Question<T> {
        List<T> ask(QueryService service) throws SQLException;
    }

    /** Opens the store read-only, with its GeoIP data, and asks it one question. */
    <T> List<T> ask(Question<T> question) throws Exception {
        try (Store store = Store.openReadOnly(data); GeoData geo = GeoData.open(data, null, null)) {
            return question.ask(new QueryService(store, geo));
        }
    }

    DarkscopeConfig loadConfig() throws IOException {
        if (config != null) {
            return DarkscopeConfig.load(config);
        }
        return Files.isRegularFile(DEFAULT_CONFIG) ? DarkscopeConfig.load(DEFAULT_CONFIG) : DarkscopeConfig.defaults();
    }
}
