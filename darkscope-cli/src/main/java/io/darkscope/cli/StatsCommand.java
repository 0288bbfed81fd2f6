package io.darkscope.cli;

import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.analysis.traffic.TrafficRows;
import io.darkscope.geo.Attribution;
import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoRows;
import io.darkscope.query.QueryService;
import io.darkscope.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code darkscope stats ...}: the numbers behind the seed report's Table 1 and Figures 1-4. */
@Command(name = "stats", description = "Exact statistics from the store.",
        subcommands = {StatsCommand.Yearly.class, StatsCommand.Daily.class, StatsCommand.Ports.class,
            StatsCommand.Sources.class, StatsCommand.Traffic.class, StatsCommand.Countries.class, StatsCommand.Networks.class})
final class StatsCommand {
    private StatsCommand() {
    }

    /** The slots of {@code stats traffic}, as NICTER's live graphs have them. */
    enum Resolution {
        FIVE_MINUTES("5m"), HOUR("1h");

        private final String label;

        Resolution(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** What every stats subcommand shares: the store, the output format, and running one query. */
    abstract static class Query<T extends Record> implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Mixin
        Output output;

        abstract Class<T> rowType();

        abstract List<T> rows(QueryService service) throws Exception;

        /** The GeoIP data the answers may use (read only if they attribute). */
        GeoData geo(Path dataDirectory) throws IOException {
            return GeoData.open(dataDirectory, null, null);
        }

        /** Refuses what only the data can tell is wrong, such as a country it does not know. */
        void check(GeoData geo) {
        }

        /** Whether the answer attributes sources, and so ends with the credit of the data that did. */
        boolean attributes() {
            return false;
        }

        @Override
        public Integer call() throws Exception {
            try (Store store = Store.openReadOnly(data.data); GeoData geo = geo(data.data)) {
                check(geo);
                QueryService service = new QueryService(store, geo);
                output.print(spec.commandLine().getOut(), rowType(), rows(service));
                if (attributes()) {
                    GeoOptions.credit(service.credits(), output, spec.commandLine().getOut(), spec.commandLine().getErr());
                }
            }
            return 0;
        }
    }

    /** A stats subcommand whose answer attributes sources to countries or networks; it says which data answered. */
    abstract static class GeoQuery<T extends Record> extends Query<T> {
        @Mixin
        GeoOptions geoOptions;

        @Override
        GeoData geo(Path dataDirectory) throws IOException {
            return geoOptions.open(dataDirectory);
        }

        @Override
        boolean attributes() {
            return true;
        }
    }

    @Command(name = "yearly", description = "Per year: packets, monitored IPv4 addresses, IPv4 packets per address (seed Table 1).")
    static final class Yearly extends Query<TrafficRows.Year> {
        @Mixin
        ExcludeOption exclude;

        @Override
        Class<TrafficRows.Year> rowType() {
            return TrafficRows.Year.class;
        }

        @Override
        List<TrafficRows.Year> rows(QueryService q) throws SQLException {
            return q.yearly(exclude.kinds());
        }
    }

    @Command(name = "daily", description = "Per day: packets by protocol and distinct sources (seed Figures 1 and 2).")
    static final class Daily extends Query<TrafficRows.Day> {
        @Mixin
        DateRange range;

        @Mixin
        ExcludeOption exclude;

        @Override
        Class<TrafficRows.Day> rowType() {
            return TrafficRows.Day.class;
        }

        @Override
        List<TrafficRows.Day> rows(QueryService q) throws SQLException {
            range.check();
            return q.daily(range.from, range.to, exclude.kinds());
        }
    }

    @Command(name = "ports", description = "Destination ports by packets, with share and distinct sources over the range (seed Figure 3).")
    static final class Ports extends Query<TrafficRows.Port> {
        @Mixin
        DateRange range;

        @Mixin
        ExcludeOption exclude;

        @Option(names = "--top", paramLabel = "N", defaultValue = "20", converter = Converters.Count.class,
                description = "How many ports; 0 for all (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--proto", paramLabel = "PROTO", converter = Converters.PortProtocol.class, description = "Only tcp, udp or sctp.")
        Integer protocol;

        @Override
        Class<TrafficRows.Port> rowType() {
            return TrafficRows.Port.class;
        }

        @Override
        List<TrafficRows.Port> rows(QueryService q) throws SQLException {
            range.check();
            return q.ports(range.from, range.to, top, protocol, exclude.kinds());
        }
    }

    @Command(name = "sources", description = {"Per day: distinct sources that sent to any of the ports (seed Figure 4).",
        "With --country, only those of one country (--country JP: seed Figure 5)."})
    static final class Sources extends GeoQuery<TrafficRows.DaySources> {
        @Mixin
        DateRange range;

        @Mixin
        ExcludeOption exclude;

        @Option(names = "--port", paramLabel = "PORTS", required = true, split = ",", description = "Ports, e.g. 23/tcp,2323/tcp.")
        List<PortSpec> ports;

        @Option(names = "--country", paramLabel = "CC", converter = Converters.Country.class,
                description = "Only sources of this country (ISO code, e.g. JP).")
        String country;

        @Override
        Class<TrafficRows.DaySources> rowType() {
            return TrafficRows.DaySources.class;
        }

        @Override
        List<TrafficRows.DaySources> rows(QueryService q) throws Exception {
            range.check();
            return q.sources(ports, range.from, range.to, country, exclude.kinds());
        }

        @Override
        void check(GeoData geo) {
            GeoOptions.requireCountry(geo, country);
        }

        @Override
        boolean attributes() {
            return country != null;
        }
    }

    /** One day (--date) or a range (--from, --to), and the ports, whose sources a geo view attributes. */
    abstract static class Attributed<T extends Record> extends GeoQuery<T> {
        @Option(names = "--date", paramLabel = "DATE", description = "The day (or give --from and --to).")
        LocalDate date;

        @Mixin
        DateRange range;

        @Option(names = "--port", paramLabel = "PORTS", required = true, split = ",", description = "Ports, e.g. 23/tcp,2323/tcp.")
        List<PortSpec> ports;

        @Option(names = "--top", paramLabel = "N", defaultValue = "10", converter = Converters.Count.class,
                description = "How many rows; 0 for all (default: ${DEFAULT-VALUE}).")
        int top;

        @Mixin
        ExcludeOption exclude;

        /** The first and last day asked, by --date or by --from and --to. */
        LocalDate[] days() {
            if (date != null && (range.from != null || range.to != null)) {
                throw new IllegalArgumentException("give --date or --from/--to, not both");
            }
            range.check();
            return date != null ? new LocalDate[] {date, date} : new LocalDate[] {range.from, range.to};
        }
    }

    @Command(name = "countries", description = "Distinct sources by country, with an 'other' and a 'total' row (seed Table 2).")
    static final class Countries extends Attributed<GeoRows.Country> {
        @Override
        Class<GeoRows.Country> rowType() {
            return GeoRows.Country.class;
        }

        @Override
        List<GeoRows.Country> rows(QueryService q) throws Exception {
            LocalDate[] days = days();
            return q.countries(ports, days[0], days[1], top, exclude.kinds());
        }
    }

    @Command(name = "networks", description = "Which AS, /16 or /24 the sources come from (e.g. the network behind a spike).")
    static final class Networks extends Attributed<GeoRows.Network> {
        @Option(names = "--country", paramLabel = "CC", converter = Converters.Country.class, description = "Only sources of this country.")
        String country;

        @Option(names = "--by", paramLabel = "BY", defaultValue = "asn", description = "asn, prefix (a /24), prefix16 or prefix24 (default: ${DEFAULT-VALUE}).")
        Attribution.By by;

        @Override
        Class<GeoRows.Network> rowType() {
            return GeoRows.Network.class;
        }

        @Override
        List<GeoRows.Network> rows(QueryService q) throws Exception {
            LocalDate[] days = days();
            return q.networks(ports, days[0], days[1], country, by, top, exclude.kinds());
        }

        @Override
        void check(GeoData geo) {
            GeoOptions.requireCountry(geo, country);
        }
    }

    @Command(name = "traffic", description = "Packets by protocol per 5 minutes or per hour (NICTER's live resolutions).")
    static final class Traffic extends Query<TrafficRows.Slot> {
        @Mixin
        DateRange range;

        @Option(names = "--resolution", paramLabel = "RES", defaultValue = "5m", description = "5m or 1h (default: ${DEFAULT-VALUE}).")
        Resolution resolution;

        @Override
        Class<TrafficRows.Slot> rowType() {
            return TrafficRows.Slot.class;
        }

        @Override
        List<TrafficRows.Slot> rows(QueryService q) throws SQLException {
            range.check();
            return q.traffic(range.from, range.to, resolution == Resolution.HOUR);
        }
    }
}
