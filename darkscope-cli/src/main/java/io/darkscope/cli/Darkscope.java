package io.darkscope.cli;

import io.darkscope.sensor.SensorException;
import io.darkscope.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.List;

/** The {@code darkscope} command: a darknet observatory on the command line. */
@Command(name = "darkscope", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "darkscope 0.1.0",
        description = "Turns darknet (network telescope) captures into exact statistics.")
public final class Darkscope {
    /** Exit status when some input could not be read or a user error stopped the command. */
    static final int USER_ERROR = 1;
    /** The commands, in the order the help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, SimulateCommand.class, IngestCommand.class, ObserveCommand.class,
            FlinkCommand.class, StatsCommand.class, AnalysisCommands.Fingerprints.class, AnalysisCommands.Dos.class, AnalysisCommands.Events.class,
            FindingCommands.Scans.class, FindingCommands.Signatures.class, FindingCommands.Spoofed.class, ScannersCommand.class,
            ReportCommand.class, ServeCommand.class, GeoCommand.class, CommandLine.HelpCommand.class);

    private Darkscope() {
    }

    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler(Darkscope::uncaught);
        int status;
        try {
            status = commandLineFor(args).execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("darkscope: not enough memory (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB of heap): "
                    + "give a larger heap (DARKSCOPE_JAVA_OPTS=-Xmx2g) or fewer workers (--workers 1)");
            status = USER_ERROR;
        }
        System.exit(status);
    }

    /** A thread that runs out of memory leaves it to the command to say so once; anything else is a bug, with its trace. */
    private static void uncaught(Thread thread, Throwable e) {
        if (!(e instanceof OutOfMemoryError)) {
            System.err.println("darkscope: internal error in " + thread.getName() + ":");
            e.printStackTrace();
        }
    }

    /** The command line with every command and darkscope's error handling: a user's mistake gets one line, not a stack trace nor the usage. */
    public static CommandLine commandLine() {
        return commandLine(COMMANDS);
    }

    /**
     * The command line to run {@code args}: when they start with a command's name, with that command
     * alone, since picocli builds the model of every command it is given (a quarter of a second of
     * each start on two cores).
     */
    static CommandLine commandLineFor(String... args) {
        for (Class<?> command : COMMANDS) {
            if (args.length > 0 && command != CommandLine.HelpCommand.class && command.getAnnotation(Command.class).name().equals(args[0])) {
                return commandLine(List.of(command));
            }
        }
        return commandLine();
    }

    private static CommandLine commandLine(List<Class<?>> commands) {
        CommandLine cli = new CommandLine(new Darkscope());
        commands.forEach(cli::addSubcommand);
        Converters.register(cli); // after the commands: it reaches those added before it
        cli.setParameterExceptionHandler(new ParameterErrors());
        cli.setExecutionExceptionHandler(Darkscope::handle);
        return cli;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof StoreException || e instanceof IOException
                || e instanceof UncheckedIOException || e instanceof SQLException || e instanceof SensorException) {
            PrintWriter err = cli.getErr();
            err.println(cli.getCommandSpec().qualifiedName() + ": " + Printable.of(message(e)));
            err.flush();
            return USER_ERROR;
        }
        throw e;
    }

    /** The reason, with the path for the file-system errors whose message is only the path. */
    private static String message(Exception e) {
        if (e instanceof UncheckedIOException unchecked) {
            return message(unchecked.getCause());
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file or directory: " + missing.getFile();
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return "already exists: " + exists.getFile();
        }
        return e.getMessage();
    }
}
