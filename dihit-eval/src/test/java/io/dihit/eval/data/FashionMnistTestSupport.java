package io.dihit.eval.data;

import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;

/** Tests that need Fashion-MNIST skip locally without it, but fail in CI (.ci/setup.d/30-eval.sh installs it). */
public final class FashionMnistTestSupport {
    private FashionMnistTestSupport() {}

    public static void requireFashionMnist() {
        boolean present = Files.isRegularFile(FashionMnist.DEBIAN_DIR.resolve("t10k-labels-idx1-ubyte.gz"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Fashion-MNIST missing under " + FashionMnist.DEBIAN_DIR
                    + " (CI must install dataset-fashion-mnist via .ci/setup.d/30-eval.sh)");
        }
        Assumptions.assumeTrue(present, "dataset-fashion-mnist not installed");
    }
}
