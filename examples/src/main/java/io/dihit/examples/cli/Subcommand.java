package io.dihit.examples.cli;

import java.io.PrintStream;

/** One verb of the {@code dihit} command line. */
public interface Subcommand {

    String name();

    /** One line for the command list. */
    String summary();

    /** Full usage text for {@code dihit <name> --help}. */
    String usage();

    /** Runs the command; returns the process exit code. */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;

    static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }
}
