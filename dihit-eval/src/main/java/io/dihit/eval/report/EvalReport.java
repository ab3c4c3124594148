package io.dihit.eval.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dihit.core.io.Provenance;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dihit.eval.metrics.ClassificationMetrics;
import io.dihit.eval.probe.FewShotBenchmark;
import io.dihit.eval.probe.LinearProbe;
import io.dihit.eval.retrieval.RetrievalMetrics;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation run measured, with what it ran on, what it skipped and its provenance (read back
 * with {@code Provenance.read(report.json)}); serialised as JSON by {@link ReportWriter} (sections that were
 * not run are omitted).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvalReport(Run run, ZeroShot zeroShot, Retrieval retrieval, Linear linearProbe,
                         FewShotBenchmark.Result fewShot, Skipped skipped, Provenance provenance) {

    /**
     * What the run left out. Every skipped image is listed (position, id, reason, detail) in {@code file}.
     *
     * @param images            unreadable images, left out of every metric
     * @param byReason          those by reason ({@code missing_file}, {@code unreadable_image}, {@code io_error})
     * @param captionsDropped   retrieval: captions whose image was skipped
     * @param sourceRowsSkipped       manifest rows or shard samples the reader skipped, each listed in {@code file}
     *                                with its source file (0 for image folders and Fashion-MNIST)
     * @param sourceRowsByReason      those by reason ({@code empty_caption}, {@code missing_caption}, ...)
     * @param file                    the skip list in the output folder (null without --out)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Skipped(long images, Map<String, Long> byReason, long captionsDropped, long sourceRowsSkipped,
                          Map<String, Long> sourceRowsByReason, String file) {}

    /** Provenance: the command line settings, model, data, versions and times. */
    public record Run(String task, String dataset, String datasetFingerprint, Model model, Map<String, String> settings,
                      String javaVersion, String startedAt, String finishedAt) {}

    /**
     * checkpoint null = random initialisation; features "pixels" = no model at all. logitMultiplier is
     * exp(log logit scale), the factor between cosine similarities and logits (JSON {@code logit_multiplier}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(String features, String config, String checkpoint, String checkpointKey,
                        @JsonProperty("logit_multiplier") Double logitMultiplier) {}

    public record ZeroShot(String templates, int templateCount, List<String> classes, double top1, double top5,
                           double meanPerClassRecall, int samples, List<ClassificationMetrics.ClassAccuracy> perClass) {
        public static ZeroShot of(String templates, int templateCount, List<String> classes, ClassificationMetrics m) {
            return new ZeroShot(templates, templateCount, classes, m.top1(), m.top5(), m.meanPerClassRecall(), m.samples(),
                    m.perClass(classes));
        }
    }

    public record Retrieval(int images, int texts, List<RetrievalMetrics.RecallAtK> recalls) {
        public static Retrieval of(RetrievalMetrics m) {
            return new Retrieval(m.images(), m.texts(), m.recalls());
        }
    }

    public record Linear(int trainSize, int testSize, double lambda, double top1, double top5, double meanPerClassRecall,
                         List<LinearProbe.CvPoint> crossValidation) {}
}
