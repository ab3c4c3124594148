package io.dihit.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code <run_dir>/metrics.jsonl}: one JSON object per logged step (every log_every updates
 * and at the stop step). On resume, lines past the checkpoint's step (written by the interrupted run
 * after its last checkpoint) are dropped, so the file reads as one uninterrupted run. Each line is
 * appended and flushed on its own, so nothing stays open between steps.
 */
public final class MetricsJsonlListener implements TrainingListener {

    public static final String FILE = "metrics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path file;

    @Override
    public void onTrainingBegin(TrainingRun run) {
        file = run.runDir().resolve(FILE);
        long resumeStep = run.startState().step();
        try {
            if (Files.exists(file)) {
                List<String> kept = new ArrayList<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && JSON.readTree(line).path("step").asLong(Long.MAX_VALUE) <= resumeStep) {
                        kept.add(line);
                    }
                }
                Files.write(file, kept, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open metrics file " + file, e);
        }
    }

    @Override
    public void onStep(TrainingRun run, StepResult step) {
        if (step.step() % run.config().logEvery() != 0 && step.step() != run.stopAt()) {
            return;
        }
        try {
            Files.writeString(file, JSON.writeValueAsString(record(run, step)) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics to " + file, e);
        }
    }

    private static Map<String, Object> record(TrainingRun run, StepResult s) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("step", s.step());
        r.put("loss", s.losses().total());
        r.put("contrastive", s.losses().contrastive());
        if (run.distills()) {
            r.put("distillation", s.losses().distillation());
            r.put("distillation_rows", s.losses().distillationRows());
        }
        r.put("lr", s.lr());
        r.put("log_logit_scale", s.logLogitScale());
        r.put("logit_multiplier", s.logitMultiplier());
        r.put("grad_norm", s.gradNorm());
        r.put("samples_per_s", s.batchSize() / s.seconds());
        r.put("samples_seen", s.state().samplesSeen());
        r.put("skipped_steps", s.state().skippedSteps());
        ResidentMemory.mebibytes().ifPresent(mib -> r.put("rss_mib", mib));
        return r;
    }
}
