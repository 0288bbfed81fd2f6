package io.darkscope.cli;

import io.darkscope.analysis.traffic.PortSpec;
import io.darkscope.geo.GeoData;
import io.darkscope.query.QueryService;
import io.darkscope.report.Chromium;
import io.darkscope.report.HtmlReport;
import io.darkscope.report.Language;
import io.darkscope.report.ReportData;
import io.darkscope.report.ReportOptions;
import io.darkscope.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code darkscope report}: the yearly observation report, as the NICTER report is laid out. */
@Command(name = "report", description = {"Writes a year's observation report: one self-contained HTML file, or PDF.",
    "Table 1, Figures 1-5, the notable increases with their fingerprints and countries (Table 2), DoS attacks and credits, "
        + "every sentence generated from the store."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    GeoOptions geoOptions;

    @Option(names = "--year", required = true, paramLabel = "YEAR", description = "The calendar year.")
    int year;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "en", description = "en or ja (default: ${DEFAULT-VALUE}).")
    Language lang;

    @Option(names = "--country", paramLabel = "CC", converter = Converters.Country.class,
            description = "The country of Figure 5 (default: JP for ja, none for en).")
    String country;

    @Option(names = "--port", paramLabel = "PORTS", split = ",", description = "More ports for Figure 4, e.g. 23/tcp,445/tcp.")
    List<PortSpec> ports;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", converter = Converters.Count.class,
            description = "Ports in Figure 3 (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--out", paramLabel = "FILE",
            description = "The HTML file (default: darkscope-report-YEAR-LANG.html); its directory must exist.")
    Path out;

    @Option(names = "--pdf", description = "Also print the report to a PDF beside the HTML (needs Chromium: Debian package chromium).")
    boolean pdf;

    @Override
    public Integer call() throws Exception {
        String chosenCountry = country != null ? country : lang == Language.JA ? "JP" : null;
        ReportOptions options = new ReportOptions(year, chosenCountry, ports == null ? List.of() : ports, top);
        Chromium chromium = pdf ? Chromium.find().orElseThrow(() -> new IllegalArgumentException(
                "--pdf needs Chromium (Debian: apt-get install chromium), or DARKSCOPE_CHROMIUM naming its executable")) : null;
        Path html = out != null ? out : Path.of("darkscope-report-" + year + "-" + lang.code() + ".html");
        checkWritable(html);
        ReportData report;
        try (Store store = Store.openReadOnly(data.data); GeoData geo = geoOptions.open(data.data)) {
            GeoOptions.requireCountry(geo, country);
            report = ReportData.gather(new QueryService(store, geo), options);
        }
        Files.writeString(html, HtmlReport.render(report, lang), StandardCharsets.UTF_8);
        PrintWriter console = spec.commandLine().getOut();
        console.println("report: " + html);
        if (chromium != null) {
            Path pdfFile = html.resolveSibling(html.getFileName().toString().replaceFirst("(?i)\\.html?$", "") + ".pdf");
            chromium.printToPdf(html, pdfFile);
            console.println("pdf: " + pdfFile);
        }
        console.flush();
        return 0;
    }

    /** Refused before the work: a report is not written into a directory that is not there, nor over one. */
    private static void checkWritable(Path html) {
        if (Files.isDirectory(html)) {
            throw new IllegalArgumentException("--out " + html + " is a directory: give the report's file name");
        }
        Path parent = html.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new IllegalArgumentException("--out " + html + ": the directory " + parent + " does not exist (create it first)");
        }
    }
}
