package io.dihit.core.util;

/** Small helpers shared by the modules' hand-written command-line parsers. */
public final class CommandLineArgs {

    private CommandLineArgs() {
    }

    /** The value at {@code args[i]} that follows {@code option}, or a clear error when the arguments end first. */
    public static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
