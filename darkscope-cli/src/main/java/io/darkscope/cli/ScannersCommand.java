package io.darkscope.cli;

import io.darkscope.geo.GeoData;
import io.darkscope.query.QueryService;
import io.darkscope.query.ScannerRows;
import io.darkscope.store.Store;
import io.darkscope.survey.SurveyList;
import io.darkscope.survey.SurveyLists;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code darkscope scanners ...}: survey-scanner lists, and the large-scale scanners seen. */
@Command(name = "scanners", description = "Survey scanners (on imported lists) and large-scale scanners (by behaviour).",
        subcommands = {ScannersCommand.Import.class, ScannersCommand.Lists.class, ScannersCommand.Survey.class,
            ScannersCommand.Organisations.class, ScannersCommand.Large.class})
final class ScannersCommand {
    private ScannersCommand() {
    }

    @Command(name = "import", description = {"Imports survey-scanner lists into the store, each under its file's name (a file of the same "
        + "name replaces it).", "Formats, recognised by content: NICT's survey-scanner JSON and scanorg CSV, a CIDR list (CIDR, then "
        + "the organisation), a CSV export with ip, name, first_seen, last_seen columns."})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Lists to import.")
        List<Path> files;

        @Option(names = "--valid-from", paramLabel = "DATE", description = "First day the lists' addresses are survey scanners (default: always).")
        LocalDate validFrom;

        @Option(names = "--valid-to", paramLabel = "DATE", description = "Last day, for entries that do not say (default: open).")
        LocalDate validTo;

        @Option(names = {"--org", "--organisation"}, paramLabel = "NAME", description = "The organisation of a CIDR list's lines that name none.")
        String organisation;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = Store.open(data.data); GeoData geo = GeoData.open(data.data, null, null)) {
                QueryService service = new QueryService(store, geo);
                for (Path file : files) {
                    SurveyList list = service.importSurveyList(file, validFrom, validTo, organisation);
                    out.printf("%s: %s, %,d ranges, %,d organisations%s%n", list.source(), list.format(), list.entries().size(),
                            list.organisations().size(), list.skipped() > 0 ? ", " + list.skipped() + " IPv6 entries skipped" : "");
                }
                if (service.eventMinSources() > 0) { // survey scanners never make an outbreak: the stored events are found again
                    out.printf("events found again: %,d%n", service.refreshEvents().size());
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "lists", aliases = "list", description = "The survey-scanner lists in the store.")
    static final class Lists implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            output.print(spec.commandLine().getOut(), SurveyLists.Listed.class, data.ask(s -> s.surveyLists()));
            return 0;
        }
    }

    @Command(name = "survey", description = "Per day: the listed survey scanners' packets and sources, and their shares of all.")
    static final class Survey implements Callable<Integer> {
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
            output.print(spec.commandLine().getOut(), ScannerRows.SurveyDay.class, data.ask(s -> s.surveyDays(range.from, range.to)));
            return 0;
        }
    }

    @Command(name = "organisations", description = "The survey scanners' organisations over the range, by packets.")
    static final class Organisations implements Callable<Integer> {
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
            output.print(spec.commandLine().getOut(), ScannerRows.Organisation.class, data.ask(s -> s.surveyOrganisations(range.from, range.to)));
            return 0;
        }
    }

    @Command(name = "large", description = {"Large-scale scanners: sources that reached a tenth of the darknet's addresses within a clock "
        + "hour (CAIDA's criterion), listed or not."})
    static final class Large implements Callable<Integer> {
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

        @Override
        public Integer call() throws Exception {
            range.check();
            try (Store store = Store.openReadOnly(data.data); GeoData geo = geoOptions.open(data.data)) {
                QueryService service = new QueryService(store, geo);
                output.print(spec.commandLine().getOut(), ScannerRows.Large.class, service.largeScanners(range.from, range.to));
                GeoOptions.credit(service.credits(), output, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
            return 0;
        }
    }
}
