package org.example.quickstart;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** What every snippet test shares: a scratch folder, and stdout captured while a snippet prints (restored after each test). */
abstract class SnippetTest {
    @TempDir
    Path dir;

    Printed printed;

    @AfterEach
    void restoreStdout() {
        if (printed != null) {
            printed.stop();
        }
    }
}
