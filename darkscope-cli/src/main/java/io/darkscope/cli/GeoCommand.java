package io.darkscope.cli;

import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoFetch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code darkscope geo fetch}: downloads the default GeoIP and AS data into the data directory. */
@Command(name = "geo", description = "GeoIP and AS data.", subcommands = GeoCommand.Fetch.class)
final class GeoCommand {
    private GeoCommand() {
    }

    @Command(name = "fetch", description = {"Fetches a country database and an AS table into DATA/geo.",
        "From ip-location-db (npm pack; country: CC0 1.0 over NRO data, AS: CC BY 4.0, RouteViews, DB-IP, NRO)."})
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            GeoFetch.fetch(data.data);
            try (GeoData geo = GeoData.open(data.data, null, null)) {
                geo.credits().forEach(out::println);
            }
            out.flush();
            return 0;
        }
    }
}
