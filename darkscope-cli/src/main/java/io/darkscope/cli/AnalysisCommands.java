package io.darkscope.cli;

import io.darkscope.analysis.backscatter.DosQueries;
import io.darkscope.analysis.fingerprint.Fingerprint;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.classify.TrafficClass;
import io.darkscope.geo.GeoData;
import io.darkscope.query.Event;
import io.darkscope.query.FingerprintSummary;
import io.darkscope.query.QueryService;
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

    @Command(name = "fingerprints", description = {"Scanner fingerprints and traffic classes: one line each, or day by day (--days).",
        "Mirai and its variants, ZMap, masscan; scan, backscatter, other: first and last seen, the peak day and its distinct sources, packets."})
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

        @Option(names = "--days", description = "One row per fingerprint and day: packets and distinct sources.")
        boolean days;

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
            try (Store store = Store.openReadOnly(data.data); GeoData geo = GeoData.open(data.data, null, null)) {
                QueryService service = new QueryService(store, geo);
                if (days) {
                    output.print(out, FingerprintQueries.Row.class, service.fingerprints(range.from, range.to));
                } else {
                    output.print(out, FingerprintSummary.class, service.fingerprintSummaries(range.from, range.to));
                }
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

        @Option(names = "--top", paramLabel = "N", defaultValue = "20", converter = Converters.Count.class,
                description = "How many attacks, largest first; 0 for all (default: ${DEFAULT-VALUE}).")
        int top;

        @Override
        public Integer call() throws Exception {
            range.check();
            output.print(spec.commandLine().getOut(), DosQueries.DosAttack.class, data.ask(s -> s.dos(range.from, range.to, top)));
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

        @Option(names = "--min-sources", paramLabel = "N", defaultValue = "" + QueryService.DEFAULT_MIN_SOURCES,
                converter = Converters.Positive.class, description = "Fewest extra sources that make an event (default: ${DEFAULT-VALUE}).")
        int minSources;

        @Option(names = "--spike-ports", paramLabel = "N", defaultValue = "" + QueryService.DEFAULT_SPIKE_PORTS,
                converter = Converters.Count.class, description = "How many of the busiest ports to search for country spikes (default: ${DEFAULT-VALUE}).")
        int spikePorts;

        @Override
        public Integer call() throws Exception {
            range.check();
            try (Store store = Store.openExisting(data.data); GeoData geo = geoOptions.open(data.data)) {
                QueryService service = new QueryService(store, geo);
                List<Event> events = service.detectEvents(range.from, range.to, minSources, spikePorts);
                output.print(spec.commandLine().getOut(), Event.class, events);
                GeoOptions.credit(service.credits(), output, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
            return 0;
        }
    }
}
