package io.dihit.filter.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dihit.core.io.Provenance;
import io.dihit.filter.CatRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * summary.json of a filter job: inputs, rule, processor, counts, speed and provenance. Written by the
 * local and the Spark job alike; only the {@code execution} entries (threads, or the Spark master and
 * tasks) and the timings differ between two runs of the same job.
 */
public final class FilterSummary {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FilterSummary() {
    }

    public static Path file(FilterJobConfig config) {
        return config.outputDir().resolve("summary.json");
    }

    /** The console line of a finished job: counts, rule and where the failures and the summary are. */
    public static String oneLine(FilterJobConfig config, CatRule rule, JobCounters c) {
        return String.format("read %d, kept %d, rejected %d, failed %d (rule: %s); failed rows listed in %s; summary in %s",
                c.read, c.kept, c.rejected, c.failed, rule.describe(), FilterOutputs.failedFile(config), file(config));
    }

    /**
     * Writes the summary atomically (temp file + rename).
     *
     * @param execution   how the job ran, written as top-level fields (e.g. {@code threads})
     * @param rowsThisRun rows read by this run (less than {@code counts.read} after a resume)
     * @throws IllegalStateException when the counts do not balance (kept + rejected + failed != read)
     */
    public static void write(FilterJobConfig config, ProcessorInfo processor, JobCounters counts,
                             Map<String, Object> execution, double seconds, long rowsThisRun) throws IOException {
        if (!counts.balanced()) {
            throw new IllegalStateException("accounting broken: kept + rejected + failed != read: "
                    + new ObjectMapper().writeValueAsString(counts));
        }
        ObjectNode s = JSON.createObjectNode();
        s.put("finished", Instant.now().toString());
        s.putPOJO("inputs", config.inputs().stream().map(Path::toString).toList());
        s.put("rule", processor.rule().describe());
        s.putPOJO("ruleConfig", processor.rule());
        s.put("parser", processor.parser());
        s.put("textSpotter", processor.textSpotter());
        execution.forEach(s::putPOJO);
        s.put("imageCheck", processor.imageCheck().label());
        s.put("imagesOpened", processor.imageCheck() != ImageCheck.NONE);
        s.put("duplicateIds", config.duplicateIds().label());
        s.put("java", System.getProperty("java.version"));
        s.putPOJO("counts", counts);
        Map<String, Object> speed = new LinkedHashMap<>();
        speed.put("rowsThisRun", rowsThisRun);
        speed.put("secondsThisRun", seconds);
        speed.put("rowsPerSecond", rowsThisRun / Math.max(seconds, 1e-9));
        s.putPOJO("speed", speed);
        s.set("provenance", Provenance.captureWithoutEngine(Map.of("rule", processor.rule().describe(),
                "imageCheck", processor.imageCheck().label(), "duplicateIds", config.duplicateIds().label(),
                "outputFormat", config.outputFormat()), Provenance.fingerprint(config.inputs()), null).toJsonNode());
        Path target = file(config);
        Path tmp = target.resolveSibling("summary.json.tmp");
        JSON.writeValue(tmp.toFile(), s);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
