package io.darkscope.cli;

import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoFetch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code darkscope geo fetch}: downloads the default GeoIP and AS data into the user's cache, which every store uses. */
@Command(name = "geo", description = "GeoIP and AS data.", subcommands = GeoCommand.Fetch.class)
final class GeoCommand {
    private GeoCommand() {
    }

    @Command(name = "fetch", description = {"Fetches a country database and an AS table into the user's cache "
        + "($XDG_CACHE_HOME/darkscope/geo, else ~/.cache/darkscope/geo), which every store uses, or into DATA/geo for one store.",
        "From ip-location-db (npm pack; country: CC0 1.0 over NRO data, AS: CC BY 4.0, RouteViews, DB-IP, NRO)."})
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data", paramLabel = "DIR", description = "Fetch into DIR/geo, for the store in DIR only (default: the user's cache).")
        Path data;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path target = data != null ? data.resolve(GeoData.DIRECTORY) : GeoData.userCache();
            List<String> credits = GeoFetch.fetch(target);
            out.println("fetched into " + target + ":");
            credits.forEach(out::println);
            out.flush();
            return 0;
        }
    }
}
