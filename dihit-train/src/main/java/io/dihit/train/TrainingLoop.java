package io.dihit.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.dihit.core.util.ProgressBar;
import io.dihit.train.config.TrainConfig;
import io.dihit.train.data.BatchSource;
import io.dihit.train.data.TrainingBatch;
import io.dihit.train.distill.ConceptDistillationLoss;
import io.dihit.train.distill.ConceptHead;
import io.dihit.train.distill.SoftLabelFile;
import io.dihit.train.distill.SoftTargets;
import io.dihit.train.optim.AdamW;
import io.dihit.train.optim.GradientClipping;
import io.dihit.train.optim.WarmupCosineSchedule;
import io.dihit.train.optim.WeightDecayRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DiHT training loop on DJL primitives. Per batch, inside a scoped NDManager: zero gradients,
 * forward/backward ({@link ForwardBackward}: global negatives across devices, optional gradient
 * caching), skip the update if the loss or gradient norm is not finite (stopping after
 * max_consecutive_nonfinite in a row), clip by global norm, AdamW with warmup + cosine, clamp the
 * logit scale to [0, ln 100], refresh device replicas, log, checkpoint. The run resumes from the
 * latest checkpoint in its run directory, step-exactly.
 */
public final class TrainingLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    public static final double MAX_LOGIT_SCALE = Math.log(100);
    /** The loss curves drawn every plot_every updates, in the run directory. */
    public static final String LOSS_PNG = "loss.png";
    /** Steps between returns of malloc's free pages to the OS ({@link NativeHeap}). */
    static final int TRIM_EVERY = 100;

    private final TrainConfig config;
    private final ImageTextEncoder encoder;
    private final NDManager manager;
    private final List<Device> devices;
    private final SoftLabelFile softLabels;
    private final Block conceptHead;
    private final Map<String, Parameter> parameters;
    private final ParameterReplicas replicas;
    private final AdamW optimizer;
    private final ForwardBackward forwardBackward;
    private final WarmupCosineSchedule schedule;
    private final CheckpointStore checkpoints;

    /**
     * @param encoder    an initialised encoder whose parameters live on {@code devices.get(0)}
     * @param manager    owner of the loop's long-lived arrays (optimizer state, replicas, head)
     * @param devices    one entry per replica (may repeat a device: see {@link ParameterReplicas})
     * @param softLabels the teacher's sidecar when distillation is configured, else null
     */
    public TrainingLoop(TrainConfig config, ImageTextEncoder encoder, NDManager manager, List<Device> devices,
                        SoftLabelFile softLabels) {
        this.config = config;
        this.encoder = encoder;
        this.manager = manager;
        this.devices = List.copyOf(devices);
        if ((config.distillation() == null) != (softLabels == null)) {
            throw new IllegalArgumentException("soft labels must be given exactly when distillation is configured");
        }
        this.softLabels = softLabels;
        Map<String, Parameter> named = new LinkedHashMap<>(encoder.namedParameters());
        ConceptDistillationLoss distillation = null;
        if (softLabels != null) {
            conceptHead = ConceptHead.create(softLabels.numConcepts());
            conceptHead.initialize(manager, DataType.FLOAT32, new Shape(1, encoder.embedDim()));
            conceptHead.getParameters().forEach(p -> named.put("concept_head." + p.getKey(), p.getValue()));
            distillation = new ConceptDistillationLoss(config.distillation().loss());
        } else {
            conceptHead = null;
        }
        this.parameters = Collections.unmodifiableMap(named);
        Set<String> decayed = new LinkedHashSet<>();
        named.forEach((name, p) -> {
            boolean decays = encoder.namedParameters().containsKey(name) ? encoder.usesWeightDecay(name)
                    : WeightDecayRule.decays(name, p.getArray().getShape());
            if (decays) {
                decayed.add(name);
            }
        });
        this.replicas = new ParameterReplicas(parameters, this.devices, manager);
        this.optimizer = new AdamW(config.optimizer().adamW(), decayed, manager);
        LossStage lossStage = new LossStage(config.loss().create(), conceptHead, distillation);
        this.forwardBackward = new ForwardBackward(encoder, lossStage, replicas, config.gradCacheChunk());
        this.schedule = new WarmupCosineSchedule(config.optimizer().lr(), config.optimizer().warmupFor(config.steps()),
                config.steps(), config.optimizer().minLr());
        this.checkpoints = CheckpointStore.forRun(config, encoder);
    }

    /** Every trained parameter by name (the encoder's, then concept_head.*). */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    public Optional<Block> conceptHead() {
        return Optional.ofNullable(conceptHead);
    }

    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** Runs to {@code config.steps()}. */
    public TrainingState run(BatchSource source) {
        return run(source, config.steps());
    }

    /** Runs until {@code stopAt} updates without an external stop request. */
    public TrainingState run(BatchSource source, long stopAt) {
        return run(source, stopAt, new StopRequest());
    }

    /**
     * Resumes from the latest checkpoint (if any) and trains until {@code stopAt} optimizer updates
     * (at most config.steps(); the schedule always spans config.steps()) or until {@code stop} is
     * requested, whichever comes first. Checkpoints at every checkpoint_every updates, at the end and
     * when stopped on request (so the next run resumes exactly there).
     */
    public TrainingState run(BatchSource source, long stopAt, StopRequest stop) {
        if (stopAt < 1 || stopAt > config.steps()) {
            throw new IllegalArgumentException("stop step must be in [1, " + config.steps() + "], got " + stopAt);
        }
        checkpoints.removeUnfinished();
        Optional<Path> latest = checkpoints.latest();
        TrainingState state = latest
                .map(p -> CheckpointStore.load(p, parameters, optimizer, manager))
                .orElse(TrainingState.start(config.seed()));
        if (state.seed() != config.seed()) {
            throw new IllegalArgumentException("checkpoint " + latest.get() + " was made with seed " + state.seed()
                    + ", config says " + config.seed());
        }
        replicas.broadcastFromPrimary();
        latest.ifPresent(p -> LOG.info("resumed from {} at step {}", p, state.step()));
        RunInfo.write(config.runPath(), config, devices.stream().map(Device::toString).toList(), latest.isPresent(),
                parameters.values().stream().mapToLong(p -> p.getArray().size()).sum());
        TrainingState current = state;
        ProgressBar progress = config.progress()
                ? new ProgressBar(System.err, "step", config.steps()).resumedAt(current.step()) : null;
        int consecutiveNonFinite = 0;
        long started = System.nanoTime();
        long startStep = current.step();
        try (BatchSource.Batches batches = source.open(current.dataPosition());
             MetricsLog metrics = new MetricsLog(config.runPath().resolve("metrics.jsonl"), current.step())) {
            TrainingState saved = current;
            while (current.step() < stopAt) {
                if (stop.isRequested()) {
                    if (!current.equals(saved)) {
                        checkpoints.save(current, parameters, optimizer);
                    }
                    LOG.warn("stopped at step {} on request ({}); the checkpoint is in {}: run again to resume",
                            current.step(), stop.reason(), checkpoints.directory());
                    break;
                }
                if (!batches.hasNext()) {
                    LOG.warn("data ran out after {} batches at step {}", current.batchesConsumed(), current.step());
                    break;
                }
                TrainingBatch batch = batches.next();
                long stepStart = System.nanoTime();
                StepOutcome outcome = step(batch, current);
                if (!outcome.applied()) {
                    current = current.skipped(batches.position());
                    consecutiveNonFinite++;
                    LOG.warn("step {}: non-finite loss or gradient ({}), update skipped ({} in a row, {} in all)",
                            current.step(), outcome.losses(), consecutiveNonFinite, current.skippedSteps());
                    if (consecutiveNonFinite >= config.maxConsecutiveNonFinite()) {
                        throw new TrainingDivergedException(consecutiveNonFinite, current.step(),
                                outcome.losses().toString());
                    }
                    continue;
                }
                consecutiveNonFinite = 0;
                current = current.updated(batch.size(), batches.position());
                double seconds = (System.nanoTime() - stepStart) / 1e9;
                if (current.step() % config.logEvery() == 0 || current.step() == stopAt) {
                    metrics.write(record(current, outcome, batch.size() / seconds));
                }
                if (config.plotEvery() > 0 && current.step() % config.plotEvery() == 0) {
                    plotLossCurves();
                }
                if (progress != null) {
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    progress.detail(String.format(Locale.ROOT, "loss %.4f lr %.2e %.1f samples/s",
                            outcome.losses().total(), outcome.lr(), batch.size() * (current.step() - startStep) / elapsed));
                    progress.advanceTo(current.step());
                }
                if (current.step() % config.checkpointEvery() == 0 || current.step() == stopAt) {
                    checkpoints.save(current, parameters, optimizer);
                    saved = current;
                }
                if (current.step() % TRIM_EVERY == 0) {
                    NativeHeap.trim(); // after this step's metrics line, so rss_mib shows the regrowth, not the trim
                }
            }
        }
        if (progress != null) {
            progress.finish();
        }
        if (config.plotEvery() > 0 && current.step() % config.plotEvery() != 0) {
            plotLossCurves(); // the last steps since the previous drawing
        }
        return current;
    }

    /** Redraws loss.png next to metrics.jsonl; a failure to draw is logged, never stops training. */
    private void plotLossCurves() {
        Path metrics = config.runPath().resolve("metrics.jsonl");
        try {
            if (Files.size(metrics) > 0) {
                LossCurvePlot.write(metrics, config.runPath().resolve(LOSS_PNG));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not draw {}: {}", LOSS_PNG, e.toString());
        }
    }

    private record StepOutcome(boolean applied, StepLosses losses, double lr, double gradNorm, double logitScale) {}

    private StepOutcome step(TrainingBatch batch, TrainingState state) {
        if (batch.size() != config.batchSize()) {
            LOG.debug("batch of {} (configured {})", batch.size(), config.batchSize());
        }
        try (NDManager scope = manager.newSubManager()) {
            replicas.zeroGradients();
            SoftTargets targets = softLabels == null ? null
                    : softLabels.denseTargets(batch.ids(), config.distillation().missingLabels());
            StepLosses losses = forwardBackward.run(scope, batch, targets, state.stepSeed());
            double lr = schedule.learningRate(state.step());
            if (!losses.finite()) {
                return new StepOutcome(false, losses, lr, Double.NaN, Double.NaN);
            }
            Map<String, NDArray> gradients = replicas.collectGradients(scope);
            double norm = GradientClipping.globalNorm(gradients);
            if (!Double.isFinite(norm)) {
                return new StepOutcome(false, losses, lr, norm, Double.NaN);
            }
            optimizer.step(parameters, gradients, GradientClipping.factor(norm, config.optimizer().clipNorm()), lr);
            double logitScale = clampLogitScale();
            replicas.broadcastFromPrimary();
            return new StepOutcome(true, losses, lr, norm, logitScale);
        }
    }

    /** Keeps the log temperature in [0, ln 100] (CLIP's clamp of the scale to at most 100). */
    private double clampLogitScale() {
        NDArray scale = encoder.logitScale().getArray();
        try (NDManager tmp = manager.newSubManager()) { // nothing derived may stay in the model's manager
            NDArray copy = scale.duplicate();
            copy.attach(tmp);
            double value = copy.toType(DataType.FLOAT64, false).getDouble();
            double clamped = Math.max(0.0, Math.min(MAX_LOGIT_SCALE, value));
            if (clamped != value) {
                scale.set(tmp.create(clamped).toType(scale.getDataType(), false).toByteBuffer());
            }
            return clamped;
        }
    }

    private Map<String, Object> record(TrainingState state, StepOutcome outcome, double samplesPerSecond) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("step", state.step());
        r.put("loss", outcome.losses().total());
        r.put("contrastive", outcome.losses().contrastive());
        if (softLabels != null) {
            r.put("distillation", outcome.losses().distillation());
            r.put("distillation_rows", outcome.losses().distillationRows());
        }
        r.put("lr", outcome.lr());
        r.put("logit_scale", outcome.logitScale());
        r.put("scale", Math.exp(outcome.logitScale()));
        r.put("grad_norm", outcome.gradNorm());
        r.put("samples_per_s", samplesPerSecond);
        r.put("samples_seen", state.samplesSeen());
        r.put("skipped_steps", state.skippedSteps());
        ResidentMemory.mebibytes().ifPresent(mib -> r.put("rss_mib", mib));
        return r;
    }

    @Override
    public void close() {
        optimizer.close();
        replicas.close();
    }
}
