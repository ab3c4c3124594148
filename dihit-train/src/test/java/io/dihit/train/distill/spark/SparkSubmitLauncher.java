package io.dihit.train.distill.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code spark-submit --master local[2] --class MAIN JAR ARGS} the way the launcher script does:
 * a fresh JVM whose classpath is Spark's own (here: this test's classpath without the module's
 * classes and runtime dependencies, which the jar must bring itself), running
 * {@code org.apache.spark.deploy.SparkSubmit}. Jackson, the SLF4J API and a log4j 1.2 API stay on that
 * classpath because every Spark distribution ships them.
 */
final class SparkSubmitLauncher {

    private SparkSubmitLauncher() {}

    static Path jar() {
        Path jar = Path.of(System.getProperty("dihit.spark.jar", "absent"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no spark jar at " + jar + "; run the *SubmitIT tests with mvn verify");
        }
        return jar;
    }

    /** Spark's classpath: the test classpath minus what the jar must contain. */
    static String sparkClasspath() throws IOException {
        Set<String> runtime = new HashSet<>(Arrays.asList(
                Files.readString(Path.of(System.getProperty("dihit.runtime.classpath"))).trim().split(File.pathSeparator)));
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            boolean sparkShips = e.contains("/com/fasterxml/jackson/") || e.contains("/org/slf4j/slf4j-api/")
                    || e.contains("/org/slf4j/log4j-over-slf4j/");
            boolean ours = e.endsWith("/target/classes") || e.endsWith("/target/test-classes") || e.contains("/dihit-");
            if (sparkShips || (!runtime.contains(entry) && !ours)) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    /** Runs spark-submit; returns its combined output, failing on a non-zero exit. */
    static String submit(String mainClass, Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g",
                "-Dai.djl.offline=true"));
        command.addAll(Arrays.asList(System.getProperty("dihit.spark.opens", "").trim().split("\\s+")));
        command.addAll(List.of("-cp", sparkClasspath(), "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--class", mainClass, jar().toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("spark-submit did not finish in 10 minutes; log: " + log);
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("spark-submit exited with " + process.exitValue() + ":\n" + output);
        }
        return output;
    }
}
