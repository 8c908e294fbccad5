package dev.hookline.deploy.cli;

import dev.hookline.deploy.HooklineException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one clear line on stderr and a non-zero exit code. The stack trace
 * is shown only with {@code --verbose}, so a user sees the cause and what to change.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** Exit code for a failure the user can fix (bad option, port in use, broker down). */
    public static final int USER_ERROR = 1;
    /** Exit code for a bug or an unexpected failure. */
    public static final int INTERNAL_ERROR = 3;

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        boolean verbose = parseResult.hasMatchedOption("--verbose") || hasVerboseInSubcommands(parseResult);
        var err = command.getErr();
        if (ex instanceof HooklineException) {
            err.println("hookline: " + ex.getMessage());
        } else {
            err.println("hookline: unexpected error: " + describe(ex));
            if (!verbose) {
                err.println("(run again with --verbose to see the stack trace)");
            }
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ex instanceof HooklineException ? USER_ERROR : INTERNAL_ERROR;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        var err = command.getErr();
        err.println("hookline: " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static boolean hasVerboseInSubcommands(ParseResult result) {
        for (ParseResult sub = result; sub != null; sub = sub.subcommand()) {
            if (sub.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable ex) {
        StringBuilder text = new StringBuilder(ex.toString());
        for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }
}
