package io.dihit.core.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code spark-submit --master local[2] --class MAIN JAR ARGS} the way Spark's launcher script
 * does: a fresh JVM on Spark's classpath running {@code org.apache.spark.deploy.SparkSubmit}, which
 * loads the main class from the jar. Used by the *SubmitIT tests of the modules with a Spark job
 * (shared through dihit-core's test jar).
 */
public final class SparkSubmitLauncher {

    private SparkSubmitLauncher() {}

    /**
     * Skips the calling test outside the spark-submit execution (it runs after package, when the jar
     * exists; {@code -Dtest=...SubmitIT} also selects it in the earlier unit-test execution).
     */
    public static void assumeSubmitExecution() {
        Assumptions.assumeTrue(System.getProperty("dihit.spark.jar") != null,
                "spark-submit tests run in the integration-test phase (mvn verify)");
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("dihit.spark.jar", "absent"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no spark jar at " + jar + "; run the *SubmitIT tests with mvn verify");
        }
        return jar;
    }

    /**
     * The libraries only dihit brings (the jar must contain them): DJL and its PyTorch natives, ONNX
     * Runtime, ClearNLP and its models, commons-csv, JNA. Everything else on the test classpath is
     * Spark's own or shipped by every Spark distribution (Jackson, SLF4J, commons-io, ...); the log4j
     * 1.2 API ClearNLP calls comes from log4j-over-slf4j here, from log4j-1.2-api in a Spark distribution.
     */
    private static final List<String> DIHIT_ONLY = List.of("/ai/djl/", "/com/microsoft/onnxruntime/", "/edu/emory/clir/",
            "/org/apache/commons/commons-csv/", "/net/java/dev/jna/");

    /** Spark's classpath: the test classpath without dihit's classes and the libraries only dihit brings. */
    public static String sparkClasspath() {
        String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = new ArrayList<>();
        for (String entry : testClasspath.split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            boolean ours = e.endsWith("/target/classes") || e.endsWith("/target/test-classes") || e.contains("/dihit-")
                    || DIHIT_ONLY.stream().anyMatch(e::contains);
            if (!ours) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    /**
     * Runs spark-submit in a JVM of {@code heap} (e.g. "4g"; in local mode the driver is the executor);
     * returns its combined output, failing on a non-zero exit.
     */
    public static String submit(String heap, String mainClass, Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Dai.djl.offline=true"));
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
