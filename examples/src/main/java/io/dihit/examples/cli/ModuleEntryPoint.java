package io.dihit.examples.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A verb that hands its arguments, {@code --help} included, to a module's command-line class. The class
 * is looked up by name so the launcher works with whichever modules a build contains and tells plainly
 * when one is absent. A class with {@code public static int run(String[] args, PrintStream out)} is run
 * through it (its exit code is returned and its exceptions reach the launcher, which prints user errors
 * as one line); otherwise its {@code main} is invoked.
 */
public record ModuleEntryPoint(String name, String summary, String mainClass) implements Subcommand {

    @Override
    public String usage() {
        return "dihit " + name + " [options]\n  " + summary + "\n  Options are those of " + mainClass
                + " (run `dihit " + name + " --help` for them).";
    }

    /** The module's {@code run(String[], PrintStream)}, else its {@code main}; null when neither is in this build. */
    Method entryPoint() {
        Class<?> type;
        try {
            type = Class.forName(mainClass);
        } catch (ClassNotFoundException e) {
            return null;
        }
        Method run = staticMethod(type, "run", String[].class, PrintStream.class);
        return run != null && run.getReturnType() == int.class ? run : staticMethod(type, "main", String[].class);
    }

    private static Method staticMethod(Class<?> type, String name, Class<?>... parameters) {
        try {
            Method m = type.getMethod(name, parameters);
            return Modifier.isStatic(m.getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
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
            if (main.getParameterCount() == 2) {
                return (int) main.invoke(null, args, out);
            }
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
