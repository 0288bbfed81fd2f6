package io.darkscope.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Expands the paths given to ingest: a file is itself; a directory is every file below it
 * (recursively, sorted, hidden files left out; symbolic links to directories not followed, and
 * they, dangling links, pipes and devices listed so that ingest says why it did not read them); a glob such as {@code caps/2016-09-*.pcap.gz}
 * or {@code caps/**.pcap} (unless a file has that very name) is matched below its first fixed directory. A path that matches
 * nothing is kept, so that the ingest reports it as unreadable; a directory without a file is
 * refused (a wrong directory would otherwise read nothing without a word).
 */
final class CaptureArguments {
    private CaptureArguments() {
    }

    static List<Path> expand(List<String> arguments) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String argument : arguments) {
            Path path = Path.of(argument);
            if (isGlob(argument) && !Files.exists(path)) {
                files.addAll(glob(argument));
            } else {
                if (Files.isDirectory(path)) {
                    List<Path> found = walk(path, p -> true);
                    if (found.isEmpty()) {
                        throw new IllegalArgumentException("no capture files in " + path);
                    }
                    files.addAll(found);
                } else {
                    files.add(path);
                }
            }
        }
        return files;
    }

    private static boolean isGlob(String s) {
        return s.contains("*") || s.contains("?") || s.contains("[") || s.contains("{");
    }

    private static List<Path> glob(String pattern) throws IOException {
        Path pattered = Path.of(pattern);
        Path base = pattered.isAbsolute() ? pattered.getRoot() : Path.of("");
        for (Path part : pattered) {
            if (isGlob(part.toString())) {
                break;
            }
            base = base.resolve(part);
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(pattern + " is not a valid pattern (" + e.getDescription() + ")");
        }
        Path start = base.toString().isEmpty() ? Path.of(".") : base;
        if (!Files.isDirectory(start)) {
            return List.of(pattered);
        }
        boolean relativeToDot = base.toString().isEmpty();
        List<Path> matches = walk(start, p -> matcher.matches(relativeToDot ? start.relativize(p) : p));
        return matches.isEmpty() ? List.of(pattered) : matches;
    }

    private static List<Path> walk(Path directory, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) // links, pipes and devices are reported by ingest
                    .filter(p -> !directory.relativize(p).toString().startsWith(".") && !p.getFileName().toString().startsWith("."))
                    .filter(keep)
                    .sorted()
                    .toList();
        }
    }
}
