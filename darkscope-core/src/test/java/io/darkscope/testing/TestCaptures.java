package io.darkscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The third-party captures in the test resources (sources and licences in pcaps/SOURCES.md). */
public final class TestCaptures {
    private TestCaptures() {
    }

    public static Path directory() {
        try {
            return Path.of(TestCaptures.class.getResource("/pcaps/SOURCES.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path get(String name) {
        return directory().resolve(name);
    }

    /** File names of every capture. */
    public static List<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".pcap")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
