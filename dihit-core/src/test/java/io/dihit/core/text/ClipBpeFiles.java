package io.dihit.core.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Locates the official CLIP merges file in the shared fixtures (never committed to this repository). */
public final class ClipBpeFiles {
    private static ClipTokenizer official;

    private ClipBpeFiles() {
    }

    public static Path officialMerges() {
        String shared = System.getProperty("dihit.shared.dir");
        Path path = shared == null ? null : Path.of(shared, "fixtures", "clip_bpe", "bpe_simple_vocab_16e6.txt.gz");
        if (path == null || !Files.isRegularFile(path)) {
            String msg = "CLIP merges file not found (system property dihit.shared.dir=" + shared + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(msg);
            }
            assumeTrue(false, msg);
        }
        return path;
    }

    static synchronized ClipTokenizer officialTokenizer() throws IOException {
        if (official == null) {
            official = ClipTokenizer.fromMerges(officialMerges());
        }
        return official;
    }
}
