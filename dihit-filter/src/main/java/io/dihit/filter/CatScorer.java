package io.dihit.filter;

import io.dihit.filter.caption.CaptionAnalyzer;
import io.dihit.filter.caption.SceneGraph;
import io.dihit.filter.spotting.TextMatch;
import io.dihit.filter.spotting.TextMatcher;
import io.dihit.filter.spotting.TextSpotter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Objects;

/**
 * Computes {@link CatScores} for a caption and (when a text spotter is configured) its image.
 * Thread-safe when its parser and spotter are (both interfaces require it).
 */
public final class CatScorer {
    private final CaptionAnalyzer analyzer;
    private final TextSpotter spotter;
    private final TextMatcher matcher;

    /** @param spotter the OCR engine, or null to skip text spotting */
    public CatScorer(CaptionAnalyzer analyzer, TextSpotter spotter, TextMatcher matcher) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.spotter = spotter;
        this.matcher = Objects.requireNonNull(matcher, "matcher");
    }

    /** True when {@link #score} needs the image. */
    public boolean spotsText() {
        return spotter != null;
    }

    public String spotterName() {
        return spotter == null ? "none" : spotter.name();
    }

    public String parserName() {
        return analyzer.parser().name();
    }

    /**
     * @param image the decoded image; ignored (may be null) when there is no spotter
     * @throws IOException when OCR fails on this image
     */
    public CatScores score(String caption, BufferedImage image) throws IOException {
        SceneGraph graph = analyzer.analyze(caption);
        if (spotter == null) {
            return new CatScores(graph.complexity(), graph.actions(), false, TextMatch.NONE);
        }
        Objects.requireNonNull(image, "image (needed for text spotting)");
        TextMatch match = matcher.match(caption, spotter.spot(image));
        return new CatScores(graph.complexity(), graph.actions(), true, match);
    }
}
