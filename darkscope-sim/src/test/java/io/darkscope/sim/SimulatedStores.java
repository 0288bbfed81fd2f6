package io.darkscope.sim;

import io.darkscope.config.DarkscopeConfig;
import io.darkscope.ingest.Ingest;
import io.darkscope.ingest.IngestListener;
import io.darkscope.ingest.IngestOptions;
import io.darkscope.ingest.IngestSummary;
import io.darkscope.store.Store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Simulated captures ingested as an operator would: with the darkscope.yaml the simulator wrote beside them. */
public final class SimulatedStores {
    private SimulatedStores() {
    }

    /** Ingests every capture of the simulation in {@code simulation} into the store in {@code data}. */
    public static IngestSummary ingest(Path simulation, Path data) throws Exception {
        DarkscopeConfig config = DarkscopeConfig.load(simulation.resolve("darkscope.yaml"));
        List<Path> captures;
        try (Stream<Path> files = Files.list(simulation.resolve(Simulator.CAPTURES))) {
            captures = files.sorted().toList();
        }
        try (Store store = Store.open(data)) {
            return new Ingest(store, IngestOptions.defaults(config.registry(), config.zone()), IngestListener.NONE).run(captures);
        }
    }
}
