package io.dihit.examples.cli;

import io.dihit.examples.data.DataLayout;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the project's data set-up script, which caches everything under data/. */
public final class FetchDataCommand implements Subcommand {

    @Override
    public String name() {
        return "fetch-data";
    }

    @Override
    public String summary() {
        return "fetch the emoji styles, emojilib and Fashion-MNIST into data/ (npm + apt; cached)";
    }

    @Override
    public String usage() {
        return """
                dihit fetch-data
                  Runs scripts/fetch-data.sh: npm emoji-datasource{,-apple,-google,-facebook,-twitter}@16.0.0 and
                  emojilib@4.0.3 into data/npm, Fashion-MNIST from the Debian package dataset-fashion-mnist.
                  Idempotent; set DIHIT_DATA_DIR to use another folder. Needs npm, and root for apt.""";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (Subcommand.wantsHelp(args)) {
            out.println(usage());
            return 0;
        }
        Path script = DataLayout.projectDir().resolve("scripts/fetch-data.sh");
        if (!Files.isRegularFile(script)) {
            err.println("dihit fetch-data: " + script + " not found; run from the project checkout");
            return 2;
        }
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).inheritIO();
        builder.environment().put("DIHIT_DATA_DIR", DataLayout.locate().root().toString());
        return builder.start().waitFor();
    }
}
