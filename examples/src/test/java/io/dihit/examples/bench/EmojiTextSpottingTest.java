package io.dihit.examples.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.examples.bench.EmojiTextSpottingCheck.Outcome;
import io.dihit.examples.bench.EmojiTextSpottingCheck.Sample;
import io.dihit.examples.bench.EmojiTextSpottingCheck.Summary;
import io.dihit.filter.ocr.PaddleOcrConfig;
import io.dihit.filter.ocr.PaddleOcrSpotter;
import io.dihit.filter.ocr.TesseractConfig;
import io.dihit.filter.ocr.TesseractSpotter;
import io.dihit.filter.spotting.TextMatcher;
import io.dihit.filter.spotting.TextSpotter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real check on the emoji of the google and twitter styles (see {@link EmojiTextSpottingCheck}
 * for the explicit lists): text emoji must text-match their own caption on at least 75% of the
 * pictures, and pictures without text must falsely match on at most 2%.
 */
class EmojiTextSpottingTest {
    private static final Logger LOG = LoggerFactory.getLogger(EmojiTextSpottingTest.class);
    private final TextMatcher matcher = new TextMatcher();

    @Test
    void paddleOcrFindsParrotCaptionsAndNoFalseMatches() throws Exception {
        List<Sample> samples = EmojiTextSpottingCheck.samples(nodeModules(), 1);
        Summary summary;
        try (TextSpotter spotter = new PaddleOcrSpotter(paddleConfig())) {
            summary = check(spotter, samples);
        }
        assertTrue(summary.noTextSamples() >= 600, "both styles of every no-text emoji: " + summary.noTextSamples());
        assertTrue(summary.textMatchRate() >= 0.75, summary.describe());
        assertTrue(summary.falseMatchRate() <= 0.02, summary.describe());
    }

    /**
     * Tesseract is the weaker alternative on these pictures (light letters on colour, 64 px); it is
     * held to its measured level on the text emoji and every tenth no-text emoji, to keep CI short
     * (one process, about 0.27 CPU seconds, per image). Its single-line mode reads emoji labels best.
     */
    @Test
    void tesseractIsAWeakerButHonestAlternative() throws Exception {
        List<Sample> samples = EmojiTextSpottingCheck.samples(nodeModules(), 10);
        Summary summary;
        try (TextSpotter spotter = new TesseractSpotter(TesseractConfig.DEFAULT.withPageSegMode(7))) {
            summary = check(spotter, samples);
        }
        assertTrue(summary.textMatchRate() >= 0.30, summary.describe());
        assertTrue(summary.falseMatchRate() <= 0.02, summary.describe());
    }

    private static Path nodeModules() {
        String dir = System.getProperty("dihit.project.dir");
        if (dir == null) {
            throw new IllegalStateException("system property dihit.project.dir is not set (surefire sets it)");
        }
        return EmojiTextSpottingCheck.nodeModules(Path.of(dir));
    }

    /** The PP-OCRv4 models; fails (never skips) when they are not installed. */
    private static PaddleOcrConfig paddleConfig() {
        Path pkg = nodeModules().resolve("@gutenye").resolve("ocr-models");
        if (!Files.isDirectory(pkg)) {
            throw new IllegalStateException("missing " + pkg + ": run bash .ci/setup.d/20-ocr.sh");
        }
        return PaddleOcrConfig.forModelPackage(pkg).build();
    }

    private Summary check(TextSpotter spotter, List<Sample> samples) throws Exception {
        long start = System.nanoTime();
        List<Outcome> outcomes = EmojiTextSpottingCheck.run(spotter, matcher, samples, 2);
        Summary summary = EmojiTextSpottingCheck.summarise(outcomes);
        LOG.info("{} on {} emoji pictures in {} s: {}", spotter.name(), samples.size(),
                (System.nanoTime() - start) / 1_000_000_000L, summary.describe());
        LOG.info("{} misses: {}", spotter.name(), describe(summary.misses()));
        LOG.info("{} false matches: {}", spotter.name(), describe(summary.falseMatches()));
        return summary;
    }

    private static String describe(List<Outcome> outcomes) {
        return outcomes.stream()
                .map(o -> o.sample().id() + " '" + o.match().spottedText() + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
