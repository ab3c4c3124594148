package io.dihit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DihitTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private int run(String... args) {
        return new Dihit().run(args, out, err);
    }

    @Test
    void listsEveryCommand() {
        assertEquals(0, run("--help"));
        String text = outBytes.toString(StandardCharsets.UTF_8);
        for (String command : new String[] {"demo", "smoke", "filter", "distill", "train", "eval", "fetch-data"}) {
            assertTrue(text.contains("  " + command + " "), command + " missing from\n" + text);
        }
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertEquals(2, run());
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).startsWith("usage: dihit"));
    }

    @Test
    void everyOwnCommandHasHelp() {
        for (String command : new String[] {"demo", "smoke", "fetch-data"}) {
            outBytes.reset();
            assertEquals(0, run(command, "--help"), command);
            assertTrue(outBytes.toString(StandardCharsets.UTF_8).startsWith("dihit " + command), command);
        }
    }

    @Test
    void unknownCommandAndBadOptionsAreUsageErrors() {
        assertEquals(2, run("frobnicate"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("unknown command 'frobnicate'"));
        errBytes.reset();
        assertEquals(2, run("demo", "--seeds", "many"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--seeds needs a number"), errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void moduleCommandsSayWhenTheirModuleIsAbsent() {
        // Present modules are not invoked here: their mains may end the JVM with System.exit.
        for (var module : Dihit.MODULES) {
            boolean present;
            try {
                Class.forName(module.mainClass());
                present = true;
            } catch (ClassNotFoundException e) {
                present = false;
            }
            assertEquals(present, module.available(), module.mainClass());
            if (!present) {
                errBytes.reset();
                assertEquals(2, run(module.name(), "--help"), module.name());
                assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains(module.mainClass() + " is not in this build"));
            }
        }
    }
}
