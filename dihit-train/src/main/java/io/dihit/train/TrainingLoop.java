package io.dihit.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.dihit.core.data.Batch;
import io.dihit.core.data.BatchSource;
import io.dihit.train.config.TrainConfig;
import io.dihit.train.distill.ConceptDistillationLoss;
import io.dihit.train.distill.ConceptHead;
import io.dihit.train.distill.SoftLabelFile;
import io.dihit.train.distill.SoftTargets;
import io.dihit.train.optim.AdamW;
import io.dihit.train.optim.GradientClipping;
import io.dihit.train.optim.WarmupCosineSchedule;
import io.dihit.core.model.WeightDecayRule;
import io.dihit.core.util.UserError;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
 * log logit scale to [0, ln 100], refresh device replicas, then hand the step to the
 * {@link TrainingListener}s (metrics, progress, plot, checkpoints, trimming and the user's own). The
 * run resumes from the latest checkpoint in its run directory, step-exactly.
 */
public final class TrainingLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    /** Upper bound of the log logit scale: CLIP clamps the logit multiplier to at most 100. */
    public static final double MAX_LOG_LOGIT_SCALE = Math.log(100);

    private final TrainConfig config;
    private final ImageTextEncoder encoder;
    private final NDManager manager;
    private final List<Device> devices;
    private final SoftLabelFile softLabels;
    private final NDManager headManager;
    private final Block conceptHead;
    private final List<TrainingListener> listeners;
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
     * @param listeners  called in order at each event; {@link TrainingListener#defaults} writes the run's outputs
     */
    public TrainingLoop(TrainConfig config, ImageTextEncoder encoder, NDManager manager, List<Device> devices,
                        SoftLabelFile softLabels, List<TrainingListener> listeners) {
        this.config = config;
        this.encoder = encoder;
        this.manager = manager;
        this.devices = List.copyOf(devices);
        if ((config.distillation() == null) != (softLabels == null)) {
            throw new IllegalArgumentException("soft labels must be given exactly when distillation is configured");
        }
        this.softLabels = softLabels;
        this.listeners = List.copyOf(listeners);
        this.headManager = manager.newSubManager();
        Map<String, Parameter> named = new LinkedHashMap<>(encoder.namedParameters());
        ConceptDistillationLoss distillation = null;
        if (softLabels != null) {
            conceptHead = ConceptHead.create(softLabels.numConcepts());
            conceptHead.initialize(headManager, DataType.FLOAT32, new Shape(1, encoder.embedDim()));
            conceptHead.getParameters().forEach(p -> named.put("concept_head." + p.getKey(), p.getValue()));
            distillation = new ConceptDistillationLoss(config.distillation());
        } else {
            conceptHead = null;
        }
        this.parameters = Collections.unmodifiableMap(named);
        Set<String> decayed = new LinkedHashSet<>();
        named.forEach((name, p) -> {
            if (WeightDecayRule.decays(name, p.getArray().getShape())) {
                decayed.add(name);
            }
        });
        this.replicas = new ParameterReplicas(parameters, this.devices, manager);
        this.optimizer = new AdamW(config.optimizer(), decayed, manager);
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

    CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** How a call to {@link #run} ended: the state reached and why it stopped there. */
    public record Outcome(TrainingState state, RunEnding ending) {}

    /** Runs to {@code config.steps()}. */
    public Outcome run(BatchSource source) {
        return run(source, config.steps());
    }

    /** Runs until {@code stopAt} updates without an external stop request. */
    public Outcome run(BatchSource source, long stopAt) {
        return run(source, stopAt, new StopRequest());
    }

    /**
     * Resumes from the latest checkpoint (if any) and trains until {@code stopAt} optimizer updates
     * (at most config.steps(); the schedule always spans config.steps()), until {@code pause} is
     * requested, until a listener stops training, or until the data ends, whichever comes first.
     *
     * @throws UserError when the data gives no batch at all, or runs out before {@code stopAt} and the
     *         config does not say stop_at_end_of_data
     */
    public Outcome run(BatchSource source, long stopAt, StopRequest pause) {
        if (stopAt < 1 || stopAt > config.steps()) {
            throw new IllegalArgumentException("stop step must be in [1, " + config.steps() + "], got " + stopAt);
        }
        checkpoints.removeUnfinished();
        Optional<Path> latest = checkpoints.latest();
        TrainingState start = latest
                .map(p -> CheckpointStore.load(p, parameters, optimizer, manager))
                .orElse(TrainingState.start(config.seed()));
        if (start.seed() != config.seed()) {
            throw new IllegalArgumentException("checkpoint " + latest.get() + " was made with seed " + start.seed()
                    + ", config says " + config.seed());
        }
        replicas.broadcastFromPrimary();
        latest.ifPresent(p -> LOG.info("resumed from {} at step {}", p, start.step()));
        RunInfo.write(config.runPath(), config, devices.stream().map(Device::toString).toList(), latest.isPresent(),
                parameters.values().stream().mapToLong(p -> p.getArray().size()).sum());
        Run run = new Run(start, stopAt);
        listeners.forEach(l -> l.onTrainingBegin(run));
        TrainingState current = start;
        RunEnding ending;
        int consecutiveNonFinite = 0;
        try (BatchSource.Batches batches = source.open(current.dataPosition())) {
            while (true) {
                if (current.step() >= stopAt) {
                    ending = current.step() == config.steps() ? RunEnding.COMPLETED : RunEnding.PAUSED;
                    break;
                }
                if (run.stopReason != null) {
                    LOG.info("training stopped at step {} of {} by a listener: {}", current.step(), config.steps(),
                            run.stopReason);
                    ending = RunEnding.STOPPED_BY_LISTENER;
                    break;
                }
                if (pause.isRequested()) {
                    LOG.warn("stopped at step {} on request ({}); the checkpoint is in {}: run again to resume",
                            current.step(), pause.reason(), checkpoints.directory());
                    ending = RunEnding.PAUSED;
                    break;
                }
                if (!batches.hasNext()) {
                    dataRanOut(current);
                    ending = RunEnding.END_OF_DATA;
                    break;
                }
                Batch batch = batches.next();
                long stepStart = System.nanoTime();
                StepOutcome outcome = step(batch, current);
                if (!outcome.applied()) {
                    current = current.skipped(batch.next());
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
                current = current.updated(batch.size(), batch.next());
                StepResult result = new StepResult(current, outcome.losses(), outcome.lr(), outcome.gradNorm(),
                        outcome.logLogitScale(), batch.size(), (System.nanoTime() - stepStart) / 1e9);
                listeners.forEach(l -> l.onStep(run, result));
            }
        }
        TrainingState end = current;
        listeners.forEach(l -> l.onTrainingEnd(run, end, ending));
        return new Outcome(end, ending);
    }

    /** The end of the data before the stop step: an error, unless the config says stop_at_end_of_data. */
    private void dataRanOut(TrainingState state) {
        String batches = state.batchesConsumed() + " batches of " + config.batchSize()
                + (config.data() == null ? "" : " (data.epochs " + config.data().epochs() + ")");
        if (state.batchesConsumed() == 0) {
            throw new UserError("the data gave no batch of " + config.batchSize() + " samples: it is "
                    + "empty, every sample was skipped, or it holds fewer samples than batch_size (see "
                    + "data_summary.json and skipped.jsonl in " + config.runDir() + ")");
        }
        if (!config.stopAtEndOfData()) {
            throw new UserError("the data gave " + batches + " but steps = " + config.steps()
                    + "; lower steps, raise data.epochs, or set stop_at_end_of_data to end the run there");
        }
        LOG.warn("the data ended after {} at step {} of {}; stop_at_end_of_data: the run ends here", batches,
                state.step(), config.steps());
    }

    /** The listeners' view of this run. */
    private final class Run implements TrainingRun {
        private final TrainingState startState;
        private final long stopAt;
        private volatile String stopReason;

        Run(TrainingState startState, long stopAt) {
            this.startState = startState;
            this.stopAt = stopAt;
        }

        @Override
        public TrainConfig config() {
            return config;
        }

        @Override
        public TrainingState startState() {
            return startState;
        }

        @Override
        public long stopAt() {
            return stopAt;
        }

        @Override
        public boolean distills() {
            return softLabels != null;
        }

        @Override
        public synchronized void stopTraining(String reason) {
            if (stopReason == null) {
                stopReason = reason == null ? "no reason given" : reason;
            }
        }

        @Override
        public Path saveCheckpoint(TrainingState state) {
            return checkpoints.save(state, parameters, optimizer);
        }
    }

    private record StepOutcome(boolean applied, StepLosses losses, double lr, double gradNorm, double logLogitScale) {}

    private StepOutcome step(Batch batch, TrainingState state) {
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
            double logLogitScale = clampLogLogitScale();
            replicas.broadcastFromPrimary();
            return new StepOutcome(true, losses, lr, norm, logLogitScale);
        }
    }

    /** Keeps the log logit scale in [0, ln 100] (CLIP's clamp of the multiplier to at most 100). */
    private double clampLogLogitScale() {
        NDArray scale = encoder.logLogitScale().getArray();
        try (NDManager tmp = manager.newSubManager()) { // nothing derived may stay in the model's manager
            NDArray copy = scale.duplicate();
            copy.attach(tmp);
            double value = copy.toType(DataType.FLOAT64, false).getDouble();
            double clamped = Math.max(0.0, Math.min(MAX_LOG_LOGIT_SCALE, value));
            if (clamped != value) {
                scale.set(tmp.create(clamped).toType(scale.getDataType(), false).toByteBuffer());
            }
            return clamped;
        }
    }

    @Override
    public void close() {
        optimizer.close();
        replicas.close();
        headManager.close();
    }
}
