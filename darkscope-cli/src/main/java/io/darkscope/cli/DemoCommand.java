package io.darkscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code darkscope demo}: writes a small darknet capture, ingests it into the data directory
 * and prints the daily statistics, the top ports and Telnet's distinct sources: the main job
 * on an embedded default, with no input needed. Running it again changes nothing.
 */
@Command(name = "demo", description = "Generates a small darknet capture, ingests it and prints its statistics.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path captures = data.data.resolve("demo-captures");
        out.println("== writing a " + DemoCapture.DAYS + "-day demo capture to " + captures);
        out.flush();
        new DemoCapture().write(captures);
        Path darknet = data.data.resolve("demo-darknet.txt");
        Files.writeString(darknet, DemoCapture.DARKNET);
        String dataDir = data.data.toString();
        int status = step(out, "ingest", "ingest", "--data", dataDir, "--darknet", darknet.toString(),
                "--tz", "UTC", captures.toString());
        if (status != 0) {
            return status;
        }
        step(out, "stats daily", "stats", "daily", "--data", dataDir);
        step(out, "stats ports --top 10", "stats", "ports", "--data", dataDir, "--top", "10");
        step(out, "stats sources --port 23/tcp,2323/tcp", "stats", "sources", "--data", dataDir, "--port", "23/tcp,2323/tcp");
        out.println();
        out.println("The store is in " + dataDir + "/" + io.darkscope.store.Store.DATABASE + "; try 'bin/darkscope stats --help'.");
        out.flush();
        return 0;
    }

    private int step(PrintWriter out, String title, String... args) {
        out.println();
        out.println("== darkscope " + title);
        out.flush();
        CommandLine root = spec.root().commandLine();
        return root.execute(args);
    }
}
