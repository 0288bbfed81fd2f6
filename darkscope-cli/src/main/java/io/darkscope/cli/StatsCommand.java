package io.darkscope.cli;

import io.darkscope.decode.IpProtocol;
import io.darkscope.query.PortSpec;
import io.darkscope.query.Rows;
import io.darkscope.query.StatsQueries;
import io.darkscope.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.darkscope.aggregate.SourceSet;
import io.darkscope.geo.Attribution;
import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoRows;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code darkscope stats ...}: the numbers behind the seed report's Table 1 and Figures 1-4. */
@Command(name = "stats", description = "Exact statistics from the store.",
        subcommands = {StatsCommand.Yearly.class, StatsCommand.Daily.class, StatsCommand.Ports.class,
            StatsCommand.Sources.class, StatsCommand.Traffic.class, StatsCommand.Countries.class, StatsCommand.Networks.class})
final class StatsCommand {
    private StatsCommand() {
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

        abstract List<T> rows(StatsQueries queries) throws Exception;

        /** Lines that say which databases answered, printed after the rows. */
        final List<String> credits = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            credits.clear();
            try (Store store = Store.openReadOnly(data.data)) {
                output.print(spec.commandLine().getOut(), rowType(), rows(new StatsQueries(store)));
            }
            GeoOptions.credit(credits, output, spec.commandLine().getOut(), spec.commandLine().getErr());
            return 0;
        }

        /** Answers with the GeoIP data, noting which data answered. */
        <R> R attributed(GeoOptions geoOptions, WithAttribution<R> answer) throws Exception {
            try (GeoData geo = geoOptions.open(data.data)) {
                credits.addAll(geo.credits());
                return answer.apply(new Attribution(geo));
            }
        }
    }

    /** What a query computes once it has the attribution. */
    interface WithAttribution<R> {
        R apply(Attribution attribution) throws Exception;
    }

    /** A stats subcommand whose answer needs the GeoIP data; it says which data answered. */
    abstract static class GeoQuery<T extends Record> extends Query<T> {
        @Mixin
        GeoOptions geoOptions;

        abstract List<T> rows(StatsQueries queries, Attribution attribution) throws Exception;

        @Override
        List<T> rows(StatsQueries queries) throws Exception {
            return attributed(geoOptions, attribution -> rows(queries, attribution));
        }
    }

    @Command(name = "yearly", description = "Per year: packets, monitored IPv4 addresses, IPv4 packets per address (seed Table 1).")
    static final class Yearly extends Query<Rows.Year> {
        @Override
        Class<Rows.Year> rowType() {
            return Rows.Year.class;
        }

        @Override
        List<Rows.Year> rows(StatsQueries q) throws SQLException {
            return q.yearly();
        }
    }

    @Command(name = "daily", description = "Per day: packets by protocol and distinct sources (seed Figures 1 and 2).")
    static final class Daily extends Query<Rows.Day> {
        @Mixin
        DateRange range;

        @Override
        Class<Rows.Day> rowType() {
            return Rows.Day.class;
        }

        @Override
        List<Rows.Day> rows(StatsQueries q) throws SQLException {
            range.check();
            return q.daily(range.from, range.to);
        }
    }

    @Command(name = "ports", description = "Destination ports by packets, with share and distinct sources over the range (seed Figure 3).")
    static final class Ports extends Query<Rows.Port> {
        @Mixin
        DateRange range;

        @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "How many ports; 0 for all (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--proto", paramLabel = "PROTO", description = "Only tcp, udp or sctp.")
        String proto;

        @Override
        Class<Rows.Port> rowType() {
            return Rows.Port.class;
        }

        @Override
        List<Rows.Port> rows(StatsQueries q) throws SQLException {
            range.check();
            if (top < 0) {
                throw new IllegalArgumentException("--top must be 0 or more");
            }
            Integer protocol = proto == null ? null : IpProtocol.parse(proto);
            if (protocol != null && !IpProtocol.hasPorts(protocol)) {
                throw new IllegalArgumentException("--proto " + proto + " has no ports (tcp, udp or sctp)");
            }
            return q.ports(range.from, range.to, top, protocol);
        }
    }

    @Command(name = "sources", description = {"Per day: distinct sources that sent to any of the ports (seed Figure 4).",
        "With --country, only those of one country (--country JP: seed Figure 5)."})
    static final class Sources extends Query<Rows.DaySources> {
        @Mixin
        DateRange range;

        @Mixin
        GeoOptions geoOptions;

        @Option(names = "--port", paramLabel = "PORTS", required = true, description = "Ports, e.g. 23/tcp,2323/tcp.")
        String ports;

        @Option(names = "--country", paramLabel = "CC", description = "Only sources of this country (ISO code, e.g. JP).")
        String country;

        @Override
        Class<Rows.DaySources> rowType() {
            return Rows.DaySources.class;
        }

        @Override
        List<Rows.DaySources> rows(StatsQueries q) throws Exception {
            range.check();
            List<PortSpec> specs = PortSpec.parseList(ports);
            if (country == null) {
                return q.sources(specs, range.from, range.to);
            }
            return attributed(geoOptions, attribution -> attribution.countrySeries(q.sourcesByDay(specs, range.from, range.to), country));
        }
    }

    /** One day (--date) or a range (--from, --to), and the ports, whose sources a geo view attributes. */
    abstract static class Attributed<T extends Record> extends GeoQuery<T> {
        @Option(names = "--date", paramLabel = "DATE", description = "The day (or give --from and --to).")
        LocalDate date;

        @Mixin
        DateRange range;

        @Option(names = "--port", paramLabel = "PORTS", required = true, description = "Ports, e.g. 23/tcp,2323/tcp.")
        String ports;

        @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "How many rows; 0 for all (default: ${DEFAULT-VALUE}).")
        int top;

        SourceSet sources(StatsQueries q) throws SQLException {
            if (date != null && (range.from != null || range.to != null)) {
                throw new IllegalArgumentException("give --date or --from/--to, not both");
            }
            range.check();
            LocalDate from = date != null ? date : range.from;
            LocalDate to = date != null ? date : range.to;
            return q.sourcesOf(PortSpec.parseList(ports), from, to);
        }
    }

    @Command(name = "countries", description = "Distinct sources by country, with an 'other' and a 'total' row (seed Table 2).")
    static final class Countries extends Attributed<GeoRows.Country> {
        @Override
        Class<GeoRows.Country> rowType() {
            return GeoRows.Country.class;
        }

        @Override
        List<GeoRows.Country> rows(StatsQueries q, Attribution attribution) throws Exception {
            return attribution.countryTable(sources(q), top);
        }
    }

    @Command(name = "networks", description = "Which AS, /16 or /24 the sources come from (e.g. the network behind a spike).")
    static final class Networks extends Attributed<GeoRows.Network> {
        @Option(names = "--country", paramLabel = "CC", description = "Only sources of this country.")
        String country;

        @Option(names = "--by", paramLabel = "BY", defaultValue = "asn", description = "asn, prefix (a /24), prefix16 or prefix24 (default: ${DEFAULT-VALUE}).")
        String by;

        @Override
        Class<GeoRows.Network> rowType() {
            return GeoRows.Network.class;
        }

        @Override
        List<GeoRows.Network> rows(StatsQueries q, Attribution attribution) throws Exception {
            SourceSet sources = sources(q);
            if (country != null) {
                sources = attribution.inCountry(sources, country);
            }
            return attribution.networks(sources, Attribution.By.parse(by), top);
        }
    }

    @Command(name = "traffic", description = "Packets by protocol per 5 minutes or per hour (NICTER's live resolutions).")
    static final class Traffic extends Query<Rows.Slot> {
        @Mixin
        DateRange range;

        @Option(names = "--resolution", paramLabel = "RES", defaultValue = "5m", description = "5m or 1h (default: ${DEFAULT-VALUE}).")
        String resolution;

        @Override
        Class<Rows.Slot> rowType() {
            return Rows.Slot.class;
        }

        @Override
        List<Rows.Slot> rows(StatsQueries q) throws SQLException {
            range.check();
            if (!resolution.equals("5m") && !resolution.equals("1h")) {
                throw new IllegalArgumentException("--resolution must be 5m or 1h");
            }
            return q.traffic(range.from, range.to, resolution.equals("1h"));
        }
    }
}
