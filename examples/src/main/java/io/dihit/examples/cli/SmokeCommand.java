package io.dihit.examples.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dihit.examples.data.DataLayout;
import io.dihit.examples.data.EmojiCatalog;
import java.io.PrintStream;
import java.util.List;

/**
 * Checks in a few seconds that this machine can run the demo: the engine computes offline, the data is
 * fetched and readable, and which module entry points the build has.
 */
public final class SmokeCommand implements Subcommand {

    private final List<ModuleEntryPoint> modules;

    public SmokeCommand(List<ModuleEntryPoint> modules) {
        this.modules = List.copyOf(modules);
    }

    @Override
    public String name() {
        return "smoke";
    }

    @Override
    public String summary() {
        return "check the engine, the fetched data and the available modules in a few seconds";
    }

    @Override
    public String usage() {
        return """
                dihit smoke
                  Prints the Java and DJL engine versions, computes a small matrix product on the engine,
                  loads the emoji catalog and checks Fashion-MNIST. Exit code 1 when something is missing.""";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (Subcommand.wantsHelp(args)) {
            out.println(usage());
            return 0;
        }
        int failures = 0;
        out.printf("java %s, max heap %d MiB, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            float value = a.matMul(a.transpose()).sum().getFloat();
            Engine engine = manager.getEngine();
            boolean ok = value == 52f;
            out.printf("engine %s %s on %s: %s%n", engine.getEngineName(), engine.getVersion(), manager.getDevice(),
                    ok ? "ok" : "WRONG (" + value + ")");
            failures += ok ? 0 : 1;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            out.println("engine: FAILED " + e);
            failures++;
        }
        DataLayout layout = DataLayout.locate();
        if (layout.hasEmojiData()) {
            EmojiCatalog catalog = EmojiCatalog.load(layout);
            out.printf("emoji: %d concepts in all four styles, %d categories, %d subcategories (%s)%n", catalog.size(),
                    catalog.categories().size(), catalog.subcategories().size(), layout.root());
        } else {
            out.println("emoji: MISSING under " + layout.root() + ": " + DataLayout.FETCH_HINT);
            failures++;
        }
        if (layout.hasFashionMnist()) {
            out.println("fashion-mnist: ok (" + layout.fashionMnistDir() + ")");
        } else {
            out.println("fashion-mnist: MISSING: " + DataLayout.FETCH_HINT);
            failures++;
        }
        for (ModuleEntryPoint module : modules) {
            out.printf("dihit %s -> %s: %s%n", module.name(), module.mainClass(), module.available() ? "available" : "not in this build");
        }
        out.println(failures == 0 ? "smoke: ok" : "smoke: " + failures + " problem(s)");
        return failures == 0 ? 0 : 1;
    }
}
