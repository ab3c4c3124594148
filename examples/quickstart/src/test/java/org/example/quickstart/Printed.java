package org.example.quickstart;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs code that prints its results, as the docs' snippets do, and returns the lines it printed. */
final class Printed {
    interface Code {
        void run() throws Exception;
    }

    private Printed() {
    }

    static List<String> lines(Code code) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            code.run();
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        stdout.print(text);
        return text.lines().toList();
    }
}
