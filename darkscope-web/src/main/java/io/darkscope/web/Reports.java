package io.darkscope.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The yearly reports written into the data directory ({@code darkscope report --out DIR/report-2016-en.html},
 * as the demo does), listed for the dashboard and served by file name. Only names of the report's
 * form are served, so no request reaches another file.
 */
final class Reports {
    private static final Pattern NAME = Pattern.compile("(?:darkscope-)?report-(\\d{4})-(en|ja)\\.(html|pdf)");
    private final Path directory;

    /** A report: its file name, year, language and format (html or pdf). */
    record Report(String file, int year, String language, String format) {
    }

    Reports(Path directory) {
        this.directory = directory;
    }

    /** The reports there, newest year first. */
    List<Report> list() throws IOException {
        List<Report> reports = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return reports;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    reports.add(new Report(m.group(), Integer.parseInt(m.group(1)), m.group(2), m.group(3)));
                }
            });
        }
        reports.sort(Comparator.comparingInt(Report::year).reversed().thenComparing(Report::file));
        return reports;
    }

    /** The file of a report's name, if it is one of the reports there. */
    Optional<Path> file(String name) {
        Path file = directory.resolve(name);
        return NAME.matcher(name).matches() && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
