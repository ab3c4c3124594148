package org.example.quickstart;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Catches what the docs' snippets print (they report with System.out, as a user's code would) so the tests can
 * check it; the text still reaches the real stdout.
 */
final class Printed {
    private final PrintStream stdout = System.out;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private boolean stopped;

    private Printed() {
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    static Printed capture() {
        return new Printed();
    }

    /** Restores System.out and returns the lines printed since {@link #capture()}; safe to call twice. */
    List<String> stop() {
        if (!stopped) {
            stopped = true;
            System.setOut(stdout);
            stdout.print(printed.toString(StandardCharsets.UTF_8));
        }
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
