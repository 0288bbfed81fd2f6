package io.darkscope.cli;

import io.darkscope.classify.Fingerprint;
import io.darkscope.classify.TrafficClass;
import io.darkscope.geo.EventFinder;
import io.darkscope.geo.GeoData;
import io.darkscope.query.DosQueries;
import io.darkscope.query.EventQueries;
import io.darkscope.query.FingerprintQueries;
import io.darkscope.query.Rows;
import io.darkscope.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** The commands that read what the analyses found: fingerprints and DoS attacks. */
final class AnalysisCommands {
    private AnalysisCommands() {
    }

    @Command(name = "fingerprints", description = {"Scanner fingerprints and traffic classes, day by day.",
        "Mirai and its variants, ZMap, masscan; scan, backscatter, other: packets, distinct sources, first and last seen."})
    static final class Fingerprints implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Mixin
        Output output;

        @Mixin
        DateRange range;

        @Option(names = "--list", description = "List the fingerprint rules, with their sources and caveats.")
        boolean list;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (list) {
                for (Fingerprint f : Fingerprint.values()) {
                    out.printf("%-20s %s%n", f.label(), f.description());
                }
                for (TrafficClass c : TrafficClass.values()) {
                    out.printf("%-20s %s%n", "class/" + c.label(), c.description());
                }
                out.flush();
                return 0;
            }
            range.check();
            try (Store store = Store.openReadOnly(data.data)) {
                output.print(out, Rows.Fingerprint.class, new FingerprintQueries(store).fingerprints(range.from, range.to));
            }
            return 0;
        }
    }

    @Command(name = "dos", description = {"DoS attacks inferred from backscatter.",
        "Moore et al. 2001 with CAIDA's RSDoS thresholds: 25+ packets, 60+ s, 30+ packets in some minute; "
            + "an attack ends after 300 s without backscatter."})
    static final class Dos implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Mixin
        Output output;

        @Mixin
        DateRange range;

        @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "How many attacks, largest first; 0 for all (default: ${DEFAULT-VALUE}).")
        int top;

        @Override
        public Integer call() throws Exception {
            range.check();
            try (Store store = Store.openReadOnly(data.data)) {
                List<Rows.DosAttack> attacks = new DosQueries(store).attacks(range.from, range.to);
                output.print(spec.commandLine().getOut(), Rows.DosAttack.class, top > 0 && attacks.size() > top ? attacks.subList(0, top) : attacks);
            }
            return 0;
        }
    }

    @Command(name = "events", description = {"Finds outbreaks and who their new sources are.",
        "Ports and fingerprints whose daily sources rose or appeared, and country spikes on the busiest ports; "
            + "stores them for the report."})
    static final class Events implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Mixin
        Output output;

        @Mixin
        DateRange range;

        @Mixin
        GeoOptions geoOptions;

        @Option(names = "--min-sources", paramLabel = "N", defaultValue = "10",
                description = "Fewest extra sources that make an event (default: ${DEFAULT-VALUE}).")
        long minSources;

        @Option(names = "--spike-ports", paramLabel = "N", defaultValue = "10",
                description = "How many of the busiest ports to search for country spikes (default: ${DEFAULT-VALUE}).")
        int spikePorts;

        @Override
        public Integer call() throws Exception {
            range.check();
            List<Rows.Event> events;
            try (Store store = Store.open(data.data); GeoData geo = geoOptions.open(data.data)) {
                events = new EventFinder(store, geo, minSources, spikePorts).find(range.from, range.to);
                new EventQueries(store).store(range.from, range.to, events);
                output.print(spec.commandLine().getOut(), Rows.Event.class, events);
                GeoOptions.credit(geo.credits(), output, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
            return 0;
        }
    }
}
