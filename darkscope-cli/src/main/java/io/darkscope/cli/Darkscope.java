package io.darkscope.cli;

import io.darkscope.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.sql.SQLException;

/** The {@code darkscope} command: a darknet observatory on the command line. */
@Command(name = "darkscope", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "darkscope 0.1.0",
        description = "Turns darknet (network telescope) captures into exact statistics.",
        subcommands = {DemoCommand.class, SimulateCommand.class, IngestCommand.class, StatsCommand.class,
            AnalysisCommands.Fingerprints.class, AnalysisCommands.Dos.class, AnalysisCommands.Events.class, FindingCommands.Scans.class,
            FindingCommands.Signatures.class, FindingCommands.Spoofed.class, ScannersCommand.class, ReportCommand.class, GeoCommand.class,
            CommandLine.HelpCommand.class})
public final class Darkscope {
    /** Exit status when some input could not be read or a user error stopped the command. */
    static final int USER_ERROR = 1;

    private Darkscope() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with darkscope's error handling: a user's mistake gets a message, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Darkscope());
        cli.setExecutionExceptionHandler(Darkscope::handle);
        return cli;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof StoreException || e instanceof IOException
                || e instanceof UncheckedIOException || e instanceof SQLException) {
            PrintWriter err = cli.getErr();
            err.println("darkscope " + cli.getCommandName() + ": " + e.getMessage());
            err.flush();
            return USER_ERROR;
        }
        throw e;
    }
}
