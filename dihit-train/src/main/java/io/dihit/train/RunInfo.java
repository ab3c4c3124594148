package io.dihit.train;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dihit.train.config.TrainConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes config.json and versions.json (software versions, seed, devices, start time) next to a run. */
final class RunInfo {

    private RunInfo() {}

    static void write(Path runDir, TrainConfig config, List<String> devices, boolean resumed, long parameterCount) {
        try {
            Files.createDirectories(runDir);
            config.write(runDir.resolve("config.json"));
            Map<String, Object> versions = new LinkedHashMap<>();
            Engine engine = Engine.getInstance();
            versions.put("dihit", versionOf(RunInfo.class));
            versions.put("djl", Engine.getDjlVersion());
            versions.put("engine", engine.getEngineName() + " " + engine.getVersion());
            versions.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            versions.put("seed", config.seed());
            versions.put("devices", devices);
            versions.put("parameters", parameterCount);
            versions.put("resumed", resumed);
            versions.put("started", Instant.now().toString());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(runDir.resolve(resumed ? "versions-resumed.json" : "versions.json").toFile(), versions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run information into " + runDir, e);
        }
    }

    private static String versionOf(Class<?> type) {
        String v = type.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
