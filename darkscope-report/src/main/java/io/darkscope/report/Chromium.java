package io.darkscope.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium, to print a report to PDF. Started with the flags that keep it off the
 * network (the report needs none) and in a throwaway profile.
 */
public final class Chromium {
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;

    private Chromium(Path executable) {
        this.executable = executable;
    }

    /** The browser named by {@code DARKSCOPE_CHROMIUM}, or the first of the usual paths that exists. */
    public static Optional<Chromium> find() {
        String named = System.getenv("DARKSCOPE_CHROMIUM");
        if (named != null) {
            return Files.isExecutable(Path.of(named)) ? Optional.of(new Chromium(Path.of(named))) : Optional.empty();
        }
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst().map(Chromium::new);
    }

    public Path executable() {
        return executable;
    }

    /** Prints an HTML file to a PDF file (A4, the report's print style). */
    public void printToPdf(Path html, Path pdf) throws IOException {
        run(List.of("--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath()), html);
        if (!Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
            throw new IOException("Chromium (" + executable + ") wrote no PDF to " + pdf);
        }
    }

    private void run(List<String> action, Path html) throws IOException {
        Path profile = Files.createTempDirectory("darkscope-chromium");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--user-data-dir=" + profile));
        command.addAll(action);
        command.add(html.toAbsolutePath().toUri().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("Chromium did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("Chromium (" + executable + ") failed with exit status " + process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Chromium printed " + html, e);
        } finally {
            deleteRecursively(profile);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }
}
