package io.dihit.core.util;

import java.io.PrintStream;

/** Small helpers shared by the modules' hand-written command lines. */
public final class CommandLineArgs {

    /**
     * A module's command: {@code public static int run(String[] args, PrintStream out)}, which returns an
     * exit code, throws mistakes the user can fix as {@link IllegalArgumentException} or {@link UserError},
     * and never calls System.exit (the {@code dihit} launcher calls it in-process).
     */
    @FunctionalInterface
    public interface Command {
        int run(String[] args, PrintStream out) throws Exception;
    }

    private CommandLineArgs() {
    }

    /** The value at {@code args[i]} that follows {@code option}, or a clear error when the arguments end first. */
    public static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /**
     * The body of a module's {@code main}: runs {@code command}; a user error is printed as one line
     * {@code dihit <name>: <message>} on stderr with exit code 2; a non-zero code ends the JVM with it.
     * Exit code 0 returns normally (a JVM shutting down on SIGTERM must not be asked to exit again).
     */
    public static void main(String name, String[] args, Command command) throws Exception {
        int code;
        try {
            code = command.run(args, System.out);
        } catch (IllegalArgumentException | UserError e) {
            String message = String.valueOf(e.getMessage());
            int newline = message.indexOf('\n');
            System.err.println("dihit " + name + ": " + (newline < 0 ? message : message.substring(0, newline)));
            code = 2;
        }
        if (code != 0) {
            System.exit(code);
        }
    }
}
