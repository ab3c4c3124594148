package io.dihit.examples.demo;

import ai.djl.ndarray.NDManager;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.text.ClipTokenizer;
import io.dihit.core.util.ProgressBar;
import io.dihit.examples.data.DataLayout;
import io.dihit.examples.data.EmojiCatalog;
import io.dihit.examples.data.EmojiManifests;
import io.dihit.examples.data.StyleFold;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the stages share: the configuration, the data, the engine's root manager, and each stage's
 * results as later stages need them. Per-fold results (noisy manifest, CAT, teacher, soft labels) belong
 * to the selected fold ({@link #selectFold}); runs and evaluations accumulate over folds with their
 * replicate. A getter for a result that no stage produced yet fails clearly.
 */
public final class DemoContext {

    private final DemoConfig config;
    private final DataLayout layout;
    private final PrintStream log;
    private final NDManager manager;
    private final ClipConfig model;
    private final List<StageRecord> stages = new ArrayList<>();
    private EmojiCatalog catalog;
    private EmojiManifests.Written manifests;
    private EmojiPixels pixels;
    private ClipTokenizer tokenizer;
    private Path merges;
    private final Map<StyleFold, FoldState> folds = new LinkedHashMap<>();
    private FoldState fold;
    private final List<StudentTraining.Run> runs = new ArrayList<>();
    private final Map<StudentTraining.Run, Replicate> replicates = new LinkedHashMap<>();
    private final Map<StudentTraining.Run, HeldOutEvaluation.Result> evaluations = new LinkedHashMap<>();
    private final MetricTable ablation = new MetricTable("variant");
    private final List<FewShotStage.Curve> fewShot = new ArrayList<>();
    private final PairedResults paired = new PairedResults();

    /** What the stages of one fold produce. */
    private static final class FoldState {
        final StyleFold fold;
        FoldData data;
        ConceptClassifierTraining.Trained teacher;
        Path softLabels;
        Path catKept;
        CatStage.Summary catSummary;
        CatNoiseScore catNoise;

        FoldState(StyleFold fold) {
            this.fold = fold;
        }
    }

    public DemoContext(DemoConfig config, DataLayout layout, PrintStream log, NDManager manager) {
        this.config = config;
        this.layout = layout;
        this.log = log;
        this.manager = manager;
        this.model = ClipConfig.named(config.model());
    }

    public DemoConfig config() {
        return config;
    }

    public DataLayout layout() {
        return layout;
    }

    /** A progress bar for one stage on the demo log; the label is padded so the stages' bars line up. */
    public ProgressBar progress(String stage, long total) {
        if (total < 1) {
            throw new IllegalArgumentException("progress total must be positive: " + total);
        }
        return new ProgressBar(log, String.format(Locale.ROOT, "%-22s", stage), total);
    }

    public PrintStream log() {
        return log;
    }

    public NDManager manager() {
        return manager;
    }

    /** Where models run: the root manager's device (config.engineDevice()). */
    public ai.djl.Device device() {
        return manager.getDevice();
    }

    public ClipConfig model() {
        return model;
    }

    public List<StageRecord> stages() {
        return List.copyOf(stages);
    }

    void record(StageRecord record) {
        stages.add(record);
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalStateException(what + " is not available: its stage has not run");
        }
        return value;
    }

    public EmojiCatalog catalog() {
        return require(catalog, "the emoji catalog");
    }

    public boolean hasCatalog() {
        return catalog != null;
    }

    void catalog(EmojiCatalog catalog) {
        this.catalog = catalog;
    }

    public EmojiManifests.Written manifests() {
        return require(manifests, "the manifests");
    }

    public boolean hasManifests() {
        return manifests != null;
    }

    void manifests(EmojiManifests.Written manifests) {
        this.manifests = manifests;
    }

    public EmojiPixels pixels() {
        return require(pixels, "the preprocessed images");
    }

    void pixels(EmojiPixels pixels) {
        this.pixels = pixels;
    }

    public ClipTokenizer tokenizer() {
        return require(tokenizer, "the trained BPE tokenizer");
    }

    public Path merges() {
        return require(merges, "the BPE merges file");
    }

    void tokenizer(ClipTokenizer tokenizer, Path merges) {
        this.tokenizer = tokenizer;
        this.merges = merges;
    }

    /** Makes {@code fold} the one the per-fold getters and setters refer to (its state is kept). */
    void selectFold(StyleFold fold) {
        this.fold = folds.computeIfAbsent(fold, FoldState::new);
    }

    private FoldState fold() {
        return require(fold, "a fold");
    }

    /** The selected leave-one-style-out fold. */
    public StyleFold currentFold() {
        return fold().fold;
    }

    /** The folds that have run, in order. */
    public List<StyleFold> folds() {
        return List.copyOf(folds.keySet());
    }

    /** The selected fold's noisy training manifest, its kinds and the images it adds. */
    public FoldData foldData() {
        return require(fold().data, "the fold's training data");
    }

    void foldData(FoldData data) {
        fold().data = data;
    }

    public ConceptClassifierTraining.Trained teacher() {
        return require(fold().teacher, "the concept teacher");
    }

    public boolean hasTeacher() {
        return fold != null && fold.teacher != null;
    }

    void teacher(ConceptClassifierTraining.Trained teacher) {
        fold().teacher = teacher;
    }

    /** Every fold's teacher, by fold. */
    public Map<StyleFold, ConceptClassifierTraining.Trained> teachers() {
        Map<StyleFold, ConceptClassifierTraining.Trained> out = new LinkedHashMap<>();
        folds.forEach((f, st) -> {
            if (st.teacher != null) {
                out.put(f, st.teacher);
            }
        });
        return out;
    }

    public Path softLabels() {
        return require(fold().softLabels, "the teacher's soft labels");
    }

    public boolean hasSoftLabels() {
        return fold != null && fold.softLabels != null;
    }

    void softLabels(Path file) {
        fold().softLabels = file;
    }

    /** The CAT filter's kept manifest. */
    public Path catKept() {
        return require(fold().catKept, "the CAT-filtered manifest");
    }

    public boolean hasCatKept() {
        return fold != null && fold.catKept != null;
    }

    void catKept(Path file) {
        fold().catKept = file;
    }

    public CatStage.Summary catSummary() {
        return require(fold().catSummary, "the CAT summary");
    }

    void catSummary(CatStage.Summary summary) {
        fold().catSummary = summary;
    }

    /** Every fold's CAT precision and recall per injected kind, by fold. */
    public Map<StyleFold, CatNoiseScore> catNoise() {
        Map<StyleFold, CatNoiseScore> out = new LinkedHashMap<>();
        folds.forEach((f, st) -> {
            if (st.catNoise != null) {
                out.put(f, st.catNoise);
            }
        });
        return out;
    }

    void catNoise(CatNoiseScore score) {
        fold().catNoise = score;
    }

    public List<StudentTraining.Run> runs() {
        return List.copyOf(runs);
    }

    void addRun(StudentTraining.Run run, Replicate replicate) {
        runs.add(run);
        replicates.put(run, replicate);
    }

    public Replicate replicate(StudentTraining.Run run) {
        return require(replicates.get(run), "the replicate of " + run.dir());
    }

    /** The run the report's example figures show: the most complete variant of the first replicate. */
    public StudentTraining.Run reportRun() {
        StudentTraining.Run best = null;
        for (StudentTraining.Run run : runs) {
            if (replicates.get(run).equals(replicates.get(runs.get(0))) && Variant.LADDER.contains(run.variant())) {
                best = run;
            }
        }
        return require(best, "a pre-trained run");
    }

    /** Per metric, variant and replicate: the values the paired comparisons read. */
    public PairedResults paired() {
        return paired;
    }

    /** The ablation table: per variant, per metric, one value per seed. */
    public MetricTable ablation() {
        return ablation;
    }

    public HeldOutEvaluation.Result evaluation(StudentTraining.Run run) {
        return require(evaluations.get(run), "the evaluation of " + run.dir());
    }

    void evaluation(StudentTraining.Run run, HeldOutEvaluation.Result result) {
        evaluations.put(run, result);
    }

    public List<FewShotStage.Curve> fewShot() {
        return List.copyOf(fewShot);
    }

    void addFewShot(FewShotStage.Curve curve) {
        fewShot.add(curve);
    }
}
