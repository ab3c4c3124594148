package io.dihit.examples.demo;

import ai.djl.ndarray.NDManager;
import io.dihit.core.model.ClipConfig;
import io.dihit.core.text.ClipTokenizer;
import io.dihit.core.util.ProgressBar;
import io.dihit.examples.data.DataLayout;
import io.dihit.examples.data.EmojiCatalog;
import io.dihit.examples.data.EmojiManifests;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the stages share: the configuration, the data, the engine's root manager, and each stage's
 * results as later stages need them. A getter for a result that no stage produced yet fails clearly.
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
    private ConceptClassifierTraining.Trained teacher;
    private Path softLabels;
    private Path catKept;
    private CatStage.Summary catSummary;
    private final List<StudentTraining.Run> runs = new ArrayList<>();
    private final Map<StudentTraining.Run, HeldOutEvaluation.Result> evaluations = new LinkedHashMap<>();
    private final MetricTable ablation = new MetricTable("variant");
    private final List<FewShotStage.Curve> fewShot = new ArrayList<>();

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

    public ConceptClassifierTraining.Trained teacher() {
        return require(teacher, "the concept teacher");
    }

    public boolean hasTeacher() {
        return teacher != null;
    }

    void teacher(ConceptClassifierTraining.Trained teacher) {
        this.teacher = teacher;
    }

    public Path softLabels() {
        return require(softLabels, "the teacher's soft labels");
    }

    public boolean hasSoftLabels() {
        return softLabels != null;
    }

    void softLabels(Path file) {
        this.softLabels = file;
    }

    /** The CAT filter's kept manifest. */
    public Path catKept() {
        return require(catKept, "the CAT-filtered manifest");
    }

    public boolean hasCatKept() {
        return catKept != null;
    }

    void catKept(Path file) {
        this.catKept = file;
    }

    public CatStage.Summary catSummary() {
        return require(catSummary, "the CAT summary");
    }

    void catSummary(CatStage.Summary summary) {
        this.catSummary = summary;
    }

    public List<StudentTraining.Run> runs() {
        return List.copyOf(runs);
    }

    void addRun(StudentTraining.Run run) {
        runs.add(run);
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
