package io.dihit.core.io;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where an output came from: dihit version and git commit (when the build knew it), DJL and engine
 * versions, the full config, a fingerprint of the input data and the seed. One record, written into
 * model safetensors metadata (key {@value #METADATA_KEY}), the filter's summary.json, eval's report.json
 * and the soft-label sidecar (as a top-level {@code "provenance"} object), and read back by {@link #read}.
 *
 * @param dihitVersion    the dihit build version ("development build" when run from classes)
 * @param gitCommit       the commit the build came from, or null when unknown
 * @param djlVersion      DJL's version
 * @param engine          engine name and version (e.g. "PyTorch 2.7.1"), or null when no engine was used
 * @param java            JVM name and version
 * @param config          the full config of the job as JSON
 * @param dataFingerprint {@link #fingerprint} of the inputs, or null when there were none
 * @param seed            the random seed, or null when the job has none
 * @param created         ISO-8601 instant the record was made
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
        @JsonProperty("dihit_version") String dihitVersion,
        @JsonProperty("git_commit") String gitCommit,
        @JsonProperty("djl_version") String djlVersion,
        @JsonProperty("engine") String engine,
        @JsonProperty("java") String java,
        @JsonProperty("config") JsonNode config,
        @JsonProperty("data_fingerprint") String dataFingerprint,
        @JsonProperty("seed") Long seed,
        @JsonProperty("created") String created) {

    /** The safetensors metadata key (and JSON field name) holding the record. */
    public static final String METADATA_KEY = "dihit.provenance";
    private static final String JSON_FIELD = "provenance";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FINGERPRINT_EDGE = 1 << 20;

    public Provenance {
        config = config == null ? NullNode.getInstance() : config;
    }

    /**
     * The record for a job about to write its outputs now, with the running engine's version.
     *
     * @param config          the job's config (a record Jackson serialises, or a JsonNode)
     * @param dataFingerprint {@link #fingerprint} of the inputs, or null
     * @param seed            the seed, or null
     */
    public static Provenance capture(Object config, String dataFingerprint, Long seed) {
        Engine engine = Engine.getInstance();
        return capture(config, dataFingerprint, seed, engine.getEngineName() + " " + engine.getVersion());
    }

    /** As {@link #capture(Object, String, Long)} for jobs that run no DJL engine (engine = null). */
    public static Provenance captureWithoutEngine(Object config, String dataFingerprint, Long seed) {
        return capture(config, dataFingerprint, seed, null);
    }

    private static Provenance capture(Object config, String dataFingerprint, Long seed, String engine) {
        BuildInfo build = BuildInfo.INSTANCE;
        return new Provenance(build.version, build.commit, Engine.getDjlVersion(), engine,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                config instanceof JsonNode n ? n : JSON.valueToTree(config), dataFingerprint, seed, Instant.now().toString());
    }

    /**
     * A cheap fingerprint of input files (16 hex digits of SHA-256 over each file's name, size, and its
     * first and last MiB). It tells inputs apart without hashing terabytes; it identifies files, not
     * every byte of them.
     */
    public static String fingerprint(List<Path> inputs) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Path p : inputs) {
                d.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                long size = Files.size(p);
                d.update(ByteBuffer.allocate(8).putLong(size).array());
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                    digestRange(ch, d, 0, Math.min(size, FINGERPRINT_EDGE));
                    long tail = Math.max(FINGERPRINT_EDGE, size - FINGERPRINT_EDGE);
                    digestRange(ch, d, tail, size - tail);
                }
            }
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("fingerprinting inputs", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static void digestRange(FileChannel ch, MessageDigest d, long from, long length) throws IOException {
        if (length <= 0) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) length);
        while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
            // read until the range is full or the file ends
        }
        buf.flip();
        d.update(buf);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode toJsonNode() {
        return JSON.valueToTree(this);
    }

    public static Provenance fromJson(String json) {
        try {
            return JSON.readValue(json, Provenance.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a provenance record: " + e.getMessage(), e);
        }
    }

    /** The safetensors metadata entry holding this record. */
    public Map<String, String> toMetadata() {
        return Map.of(METADATA_KEY, toJson());
    }

    /** The record in safetensors metadata, if any. */
    public static Optional<Provenance> fromMetadata(Map<String, String> metadata) {
        String json = metadata.get(METADATA_KEY);
        return json == null ? Optional.empty() : Optional.of(fromJson(json));
    }

    /**
     * Reads the record back from a safetensors file (its metadata) or a JSON document with a top-level
     * {@code "provenance"} object (summary.json, report.json, a sidecar's header file).
     */
    public static Optional<Provenance> read(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".safetensors")) {
            return fromMetadata(SafeTensors.readContents(file).metadata());
        }
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode node = root == null ? null : root.get(JSON_FIELD);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(JSON.treeToValue(node, Provenance.class));
    }

    /** The name of the JSON field documents carry the record under. */
    public static String jsonField() {
        return JSON_FIELD;
    }

    /** Version and commit of this build, from the Maven-filtered dihit-build.properties. */
    private static final class BuildInfo {
        static final BuildInfo INSTANCE = new BuildInfo();
        final String version;
        final String commit;

        private BuildInfo() {
            Properties p = new Properties();
            try (InputStream in = Provenance.class.getResourceAsStream("/io/dihit/core/dihit-build.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading dihit-build.properties", e);
            }
            version = filled(p.getProperty("version"), "development build");
            commit = filled(p.getProperty("commit"), null);
        }

        private static String filled(String v, String fallback) {
            return v == null || v.isBlank() || v.startsWith("${") ? fallback : v;
        }
    }
}
