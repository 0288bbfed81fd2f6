package io.darkscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A mistake on the command line gets one line naming the value and what is allowed, and exit
 * status 1; the usage is printed only when --help asks for it.
 */
final class ParameterErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(cli.getCommandSpec().qualifiedName() + ": " + Printable.of(message(e, cli, args)));
        err.flush();
        return Darkscope.USER_ERROR;
    }

    private static String message(ParameterException e, CommandLine cli, String[] args) {
        String help = cli.getCommandSpec().qualifiedName() + " --help";
        if (e instanceof UnmatchedArgumentException unmatched) {
            return unmatched(unmatched, cli, help);
        }
        if (e instanceof MissingParameterException missing) {
            return missing(missing, args, help);
        }
        if (e instanceof OverwrittenOptionException && e.getArgSpec() != null) {
            return name(e.getArgSpec()) + " is given twice";
        }
        if (e.getCause() instanceof TypeConversionException && e.getArgSpec() != null) {
            return name(e.getArgSpec()) + " " + e.getValue() + " " + e.getCause().getMessage();
        }
        if (!cli.getSubcommands().isEmpty() && e.getArgSpec() == null) {
            return "give a command (" + help + " lists them)";
        }
        return e.getMessage() + " (" + help + ")";
    }

    private static String unmatched(UnmatchedArgumentException e, CommandLine cli, String help) {
        String first = e.getUnmatched().get(0);
        List<String> suggestions = e.getSuggestions();
        String guess = suggestions.isEmpty() ? "" : "did you mean " + String.join(" or ", suggestions) + "? ";
        if (first.startsWith("-")) {
            return "unknown option " + first.split("=", 2)[0] + " (" + guess + help + " lists them)";
        }
        if (!cli.getSubcommands().isEmpty()) {
            return "unknown command " + first + " (" + guess + help + " lists them)";
        }
        return "unexpected argument " + first + " (" + help + ")";
    }

    /** A required option or parameter not given, or an option given without its value. */
    private static String missing(MissingParameterException e, String[] args, String help) {
        List<ArgSpec> specs = e.getMissing();
        if (specs == null || specs.isEmpty()) {
            return e.getMessage() + " (" + help + ")";
        }
        ArgSpec first = specs.get(0);
        if (first instanceof OptionSpec option && given(option, args)) {
            return option.longestName() + " needs a value (" + option.paramLabel() + ")";
        }
        return specs.stream().map(ParameterErrors::usage).collect(Collectors.joining(", ")) + (specs.size() > 1 ? " are" : " is")
                + " required (" + help + ")";
    }

    private static boolean given(OptionSpec option, String[] args) {
        return Arrays.stream(args).anyMatch(a -> Arrays.stream(option.names()).anyMatch(n -> a.equals(n) || a.startsWith(n + "=")));
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
    }

    private static String usage(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() + " " + option.paramLabel() : spec.paramLabel();
    }
}
