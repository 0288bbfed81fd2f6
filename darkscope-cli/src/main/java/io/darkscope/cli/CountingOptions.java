package io.darkscope.cli;

import io.darkscope.config.DarkscopeConfig;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.store.Store;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.ZoneId;

/** Options of the commands that count packets into the store: which prefixes, which time zone, how many threads. */
final class CountingOptions {
    @Option(names = "--darknet", paramLabel = "FILE", converter = Converters.ExistingFile.class,
            description = "Plain list of monitored CIDRs, one a line, '#' comments; overrides the config's registry.")
    Path darknet;

    @Option(names = "--tz", paramLabel = "ZONE", description = "Time zone of the days, e.g. UTC or Asia/Tokyo (default: the config's, else the store's, else UTC).")
    String tz;

    @Option(names = "--workers", paramLabel = "N", converter = Converters.Positive.class, description = "Decoding threads (default: one per core).")
    Integer workers;

    /** The monitored prefixes: --darknet, else the configuration's, else those the store was filled with. */
    DarknetRegistry registry(DarkscopeConfig config, Store store, DataOptions data) throws Exception {
        if (darknet != null) {
            return DarknetRegistry.readCidrList(darknet);
        }
        if (!config.registry().isEmpty()) {
            return config.registry();
        }
        DarknetRegistry stored = store.registry();
        if (stored.isEmpty()) {
            throw new IllegalArgumentException("no darknet prefixes: give --darknet FILE, or list them under 'darknet:' in "
                    + (data.config != null ? data.config : DataOptions.DEFAULT_CONFIG));
        }
        return stored;
    }

    /** The zone days are counted in: --tz, else the configuration's, else the store's, else UTC. */
    ZoneId zone(DarkscopeConfig config, Store store) throws Exception {
        return tz != null ? DarkscopeConfig.zone("--tz", tz)
                : config.zone() != null ? config.zone() : store.zone().orElse(ZoneId.of("UTC"));
    }

    int workers() {
        return workers != null ? workers : Runtime.getRuntime().availableProcessors();
    }
}
