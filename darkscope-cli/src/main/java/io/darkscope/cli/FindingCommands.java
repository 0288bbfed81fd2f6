package io.darkscope.cli;

import io.darkscope.analysis.scan.ScanQueries;
import io.darkscope.analysis.scan.ScanRows;
import io.darkscope.analysis.scan.ScanType;
import io.darkscope.analysis.spoofed.SpoofedQueries;
import io.darkscope.geo.GeoData;
import io.darkscope.query.QueryService;
import io.darkscope.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** The commands that read the findings about sources: scan events, SYN signatures, spoofed-looking packets. */
final class FindingCommands {
    private FindingCommands() {
    }

    @Command(name = "scans", description = {"Scan events: one source's packets of one type to one port, cut where it paused longer than the idle timeout.",
        "After Merit ORION: per (source, port, type), first and last packet, packets, bytes, distinct destinations and /24s, coverage "
            + "of the darknet, rate and estimated Internet-wide rate, SYN signatures and tools, country and AS."})
    static final class Scans implements Callable<Integer> {
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

        @Option(names = "--port", paramLabel = "PORT", converter = Converters.PortNumber.class,
                description = "Only this destination port (or ICMP type), 0 to 65535.")
        Integer port;

        @Option(names = "--type", paramLabel = "TYPE", description = "Only tcp-syn, udp, icmp or other (default: the first three).")
        ScanType type;

        @Option(names = "--tool", paramLabel = "TOOL", description = "Only scans with this tool: a SYN family (linux, windows, iot, "
            + "scanner/zmap...) or a fingerprint (mirai/leaked, zmap, masscan); 'zmap' matches both.")
        String tool;

        @Option(names = "--country", paramLabel = "CC", converter = Converters.Country.class, description = "Only sources of this country.")
        String country;

        @Option(names = "--asn", paramLabel = "AS", converter = Converters.AsNumber.class, description = "Only sources of this AS (AS17676 or 17676).")
        Long asn;

        @Option(names = "--min-destinations", paramLabel = "N", defaultValue = "10", converter = Converters.Count.class,
                description = "Fewest distinct destinations (default: ${DEFAULT-VALUE}).")
        int minDestinations;

        @Option(names = "--min-coverage", paramLabel = "SHARE", defaultValue = "0", converter = Converters.Share.class,
                description = "Smallest share of the darknet's addresses reached, 0 to 1 (default: ${DEFAULT-VALUE}).")
        double minCoverage;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + ScanQueries.TIMEOUT_SECONDS, converter = Converters.Count.class,
                description = "Idle timeout, 600 s at least (default: ${DEFAULT-VALUE}, Merit ORION's).")
        int timeout;

        @Option(names = "--parquet", paramLabel = "FILE", description = "Also write the scans to a Parquet file (DuckDB's COPY), for research SQL.")
        Path parquet;

        @Override
        public Integer call() throws Exception {
            range.check();
            ScanQueries.Filter filter = new ScanQueries.Filter(range.from, range.to, port, type, tool, minDestinations, minCoverage, timeout);
            try (Store store = Store.openReadOnly(data.data); GeoData geo = geoOptions.open(data.data)) {
                GeoOptions.requireCountry(geo, country);
                QueryService service = new QueryService(store, geo);
                List<ScanRows.Scan> scans = service.scans(filter, country, asn);
                if (parquet != null) {
                    ParquetFile.write(parquet, ScanRows.Scan.class, scans);
                }
                output.print(spec.commandLine().getOut(), ScanRows.Scan.class, scans);
                if (scans.isEmpty()) {
                    spec.commandLine().getErr().println("darkscope scans: " + (minDestinations > 1 ? "no scan of " + minDestinations
                            + " distinct destinations or more matches (--min-destinations lowers the bar)" : "no scan matches"));
                }
                GeoOptions.credit(service.credits(), output, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
            return 0;
        }
    }

    @Command(name = "signatures", description = {"TCP SYN signatures (TTL:window:MSS:window scale:options) by distinct sources, on a port or all.",
        "TTL rounded up to 32, 64, 128 or 255; the family says what sends it (linux, windows, iot, scanner/zmap, scanner/masscan...)."})
    static final class Signatures implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Mixin
        Output output;

        @Mixin
        DateRange range;

        @Option(names = "--port", paramLabel = "PORT", converter = Converters.PortNumber.class, description = "Only SYNs to this TCP port.")
        Integer port;

        @Option(names = "--top", paramLabel = "N", defaultValue = "20", converter = Converters.Count.class,
                description = "How many signatures; 0 for all (default: ${DEFAULT-VALUE}).")
        int top;

        @Override
        public Integer call() throws Exception {
            range.check();
            output.print(spec.commandLine().getOut(), ScanRows.Signature.class, data.ask(s -> s.signatures(range.from, range.to, port, top)));
            return 0;
        }
    }

    @Command(name = "spoofed", description = {"Spoofed-looking packets per day and kind (CAIDA corsaro's filters).",
        "Kinds: source ending .0 or .255, source = destination, port 0, TTL 200+ but masscan's, SYN+FIN, SYN+RST, all flags, "
            + "no flags, later fragments (IPv4)."})
    static final class Spoofed implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Mixin
        Output output;

        @Mixin
        DateRange range;

        @Override
        public Integer call() throws Exception {
            range.check();
            output.print(spec.commandLine().getOut(), SpoofedQueries.KindDay.class, data.ask(s -> s.spoofed(range.from, range.to)));
            return 0;
        }
    }
}
