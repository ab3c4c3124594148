package io.dihit.filter.job;

import io.dihit.core.data.ImageRefs;
import io.dihit.core.image.ImageDecodeException;
import io.dihit.core.image.ImageDecoder;
import io.dihit.filter.CatRule;
import io.dihit.filter.CatScorer;
import io.dihit.filter.CatScores;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores one row and applies the rule; the unit of work shared by the local and the Spark job, so
 * both give the same decisions. Errors of a single row become a {@link RowOutcome.Failed}, never an
 * exception. Thread-safe.
 */
public final class SampleProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(SampleProcessor.class);

    private final CatScorer scorer;
    private final CatRule rule;
    private final ImageCheck imageCheck;

    /**
     * @param imageCheck how much of each image to open when OCR does not decode it anyway: an image
     *                   that fails the check fails its row as {@code unreadable_image}; with
     *                   {@link ImageCheck#NONE} only a missing image file fails the row
     */
    public SampleProcessor(CatScorer scorer, CatRule rule, ImageCheck imageCheck) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.imageCheck = Objects.requireNonNull(imageCheck, "imageCheck");
        if (rule.textMatchEnabled() && !scorer.spotsText()) {
            throw new IllegalArgumentException("the rule rejects text matches but no text spotter is configured;"
                    + " configure OCR or disable the text-match part");
        }
    }

    /** True when rows need their image bytes (OCR or an image check). */
    public boolean needsImages() {
        return scorer.spotsText() || imageCheck != ImageCheck.NONE;
    }

    /** The image check applied to rows when OCR does not decode the image anyway. */
    public ImageCheck imageCheck() {
        return scorer.spotsText() ? ImageCheck.DECODE : imageCheck;
    }

    public CatRule rule() {
        return rule;
    }

    public CatScorer scorer() {
        return scorer;
    }

    /** What this processor does, for summary.json. */
    public ProcessorInfo info() {
        return new ProcessorInfo(rule, scorer.parserName(), scorer.spotterName(), imageCheck());
    }

    public RowOutcome process(SourceRow row) {
        String id = row.record().id();
        BufferedImage image = null;
        try {
            if (scorer.spotsText() || imageCheck == ImageCheck.DECODE) {
                image = decode(row);
            } else if (imageCheck == ImageCheck.HEADER) {
                checkHeader(row);
            } else if (row.imageBytes() == null && ImageRefs.tarMember(row.record().image()).isEmpty()
                    && !Files.isRegularFile(Path.of(row.record().image()))) {
                return fail(row, "missing_file", "image file not found: " + row.record().image());
            }
        } catch (NoSuchFileException e) {
            return fail(row, "missing_file", "image file not found: " + e.getFile());
        } catch (ImageDecodeException e) {
            return fail(row, "unreadable_image", e.getMessage());
        } catch (IOException | RuntimeException e) {
            return fail(row, "unreadable_image", e.toString());
        }
        CatScores scores;
        try {
            scores = scorer.score(row.record().caption(), image);
        } catch (IOException e) {
            return fail(row, "ocr_error", e.toString());
        } catch (RuntimeException e) {
            LOG.warn("scoring sample {} failed", id, e);
            return fail(row, "scoring_error", e.toString());
        }
        return new RowOutcome.Scored(row, scores, rule.failures(scores));
    }

    private static BufferedImage decode(SourceRow row) throws IOException {
        byte[] bytes = row.imageBytes();
        if (bytes == null) {
            if (ImageRefs.tarMember(row.record().image()).isPresent()) {
                throw new IOException("tar member images must come with the sample: " + row.record().image());
            }
            bytes = Files.readAllBytes(Path.of(row.record().image()));
        }
        return ImageDecoder.decodeBuffered(bytes);
    }

    private static void checkHeader(SourceRow row) throws IOException {
        if (row.imageBytes() != null) {
            ImageCheck.checkHeader(row.imageBytes());
        } else if (ImageRefs.tarMember(row.record().image()).isEmpty()) {
            // A manifest row pointing into a tar shard (shard.tar#member) is not opened here: the
            // shard would have to be indexed first. Read the shard itself to check its images.
            Path file = Path.of(row.record().image());
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString());
            }
            ImageCheck.checkHeader(file);
        }
    }

    private static RowOutcome fail(SourceRow row, String reason, String detail) {
        return new RowOutcome.Failed(new SourceFailure(row.input(), row.position(), row.record().id(), reason, detail));
    }
}
