package io.dihit.filter;

import io.dihit.filter.caption.CaptionAnalyzer;
import io.dihit.filter.caption.CaptionParser;
import io.dihit.filter.caption.ClearNlpCaptionParser;
import io.dihit.filter.spotting.TextMatcher;
import io.dihit.filter.spotting.TextSpotter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CAT filtering of in-memory data: captions (and images, when a text spotter is configured) in,
 * {@link CatDecision}s out, in input order. The file-based jobs ({@code LocalFilterJob},
 * {@code SparkFilterJob}) score with the same {@link CatScorer} and {@link CatRule}.
 *
 * <pre>{@code
 * try (CatFilter cat = CatFilter.builder().build()) {
 *     List<CatDecision> d = cat.score(List.of("a dog runs on the beach", "image"));
 * }
 * }</pre>
 *
 * Thread-safe (the parser and spotter are shared, as in the jobs). Closing it closes the text spotter.
 */
public final class CatFilter implements AutoCloseable {
    private final CatScorer scorer;
    private final CatRule rule;
    private final TextSpotter spotter;

    private CatFilter(Builder b) {
        CaptionParser parser = b.parser != null ? b.parser : new ClearNlpCaptionParser();
        this.spotter = b.spotter;
        this.rule = b.rule != null ? b.rule : CatRule.DEFAULT.withTextMatch(spotter != null);
        this.scorer = new CatScorer(new CaptionAnalyzer(parser, b.captionCache), spotter, new TextMatcher(b.matcher));
        if (rule.textMatchEnabled() && spotter == null) {
            throw new IllegalArgumentException("the rule rejects text matches but no text spotter is configured;"
                    + " give textSpotter(...) or a rule without the text part");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public CatRule rule() {
        return rule;
    }

    /** Scores captions alone (no OCR: the text part must be off, as it is by default without a spotter). */
    public List<CatDecision> score(List<String> captions) {
        if (spotter != null) {
            throw new IllegalStateException("a text spotter is configured: call score(captions, images)");
        }
        List<CatDecision> out = new ArrayList<>(captions.size());
        for (String caption : captions) {
            try {
                out.add(decide(caption, null));
            } catch (IOException e) {
                throw new UncheckedIOException("no OCR runs here, so this cannot happen", e);
            }
        }
        return out;
    }

    /**
     * Scores caption / image pairs (same length, same order); images go to the text spotter when one
     * is configured.
     *
     * @throws IOException when OCR fails on an image
     */
    public List<CatDecision> score(List<String> captions, List<BufferedImage> images) throws IOException {
        if (captions.size() != images.size()) {
            throw new IllegalArgumentException(captions.size() + " captions but " + images.size() + " images");
        }
        List<CatDecision> out = new ArrayList<>(captions.size());
        for (int i = 0; i < captions.size(); i++) {
            out.add(decide(captions.get(i), images.get(i)));
        }
        return out;
    }

    private CatDecision decide(String caption, BufferedImage image) throws IOException {
        CatScores s = scorer.score(Objects.requireNonNull(caption, "caption"), image);
        return new CatDecision(caption, s, rule.failures(s));
    }

    @Override
    public void close() {
        if (spotter != null) {
            spotter.close();
        }
    }

    /** Settings; every one has a default (ClearNLP parser, no OCR, the default rule without the text part). */
    public static final class Builder {
        private CaptionParser parser;
        private TextSpotter spotter;
        private CatRule rule;
        private TextMatcher.Config matcher = TextMatcher.Config.DEFAULT;
        private int captionCache = CaptionAnalyzer.DEFAULT_CACHE;

        private Builder() {
        }

        /** The caption parser (default {@link ClearNlpCaptionParser}). */
        public Builder parser(CaptionParser parser) {
            this.parser = Objects.requireNonNull(parser, "parser");
            return this;
        }

        /** An OCR engine for the text part; the filter closes it. Turns the text part of the default rule on. */
        public Builder textSpotter(TextSpotter spotter) {
            this.spotter = Objects.requireNonNull(spotter, "spotter");
            return this;
        }

        /** The rule (default {@code complexity>=1 & actions>=1}, plus {@code !text_match} with a spotter). */
        public Builder rule(CatRule rule) {
            this.rule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        public Builder textMatcher(TextMatcher.Config config) {
            this.matcher = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Distinct captions whose scene graph is remembered (default 65,536; 0 = none). */
        public Builder captionCache(int captions) {
            this.captionCache = captions;
            return this;
        }

        /** Builds the filter; the default parser's models load here, once per JVM (about 25 s, 4 GB of heap). */
        public CatFilter build() {
            return new CatFilter(this);
        }
    }
}
