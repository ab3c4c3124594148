package io.dihit.examples.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A verb that hands its arguments, {@code --help} included, to a module's own {@code main}. The class
 * is looked up by name so the launcher works with whichever modules a build contains and tells plainly
 * when one is absent.
 */
public record ModuleEntryPoint(String name, String summary, String mainClass) implements Subcommand {

    @Override
    public String usage() {
        return "dihit " + name + " [options]\n  " + summary + "\n  Options are those of " + mainClass
                + " (run `dihit " + name + " --help` for them).";
    }

    /** The module's main method, or null when the class is not in this build. */
    Method entryPoint() {
        try {
            Method main = Class.forName(mainClass).getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers()) ? main : null;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return null;
        }
    }

    public boolean available() {
        return entryPoint() != null;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Method main = entryPoint();
        if (main == null) {
            err.println("dihit " + name + ": " + mainClass + " is not in this build (its module has no command-line entry point yet)");
            return 2;
        }
        try {
            main.invoke(null, (Object) args);
            return 0;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
