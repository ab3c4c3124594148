package io.dihit.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** On glibc Linux (CI) the trim must really be wired to libc, else RSS creep would silently return. */
class NativeHeapTest {

    @Test
    void findsGlibcMallocTrimOnGlibcLinux() {
        boolean glibcLinux = System.getProperty("os.name").startsWith("Linux")
                && Files.exists(Path.of("/lib/x86_64-linux-gnu/libc.so.6"));
        if (glibcLinux) {
            assertTrue(NativeHeap.available(), "malloc_trim not found through JNA");
            NativeHeap.trim(); // releases free pages; must not fail
        }
    }
}
