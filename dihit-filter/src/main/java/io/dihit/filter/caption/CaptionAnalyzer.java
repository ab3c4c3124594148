package io.dihit.filter.caption;

import io.dihit.core.util.LruMemo;
import java.util.Objects;

/**
 * Parses a caption and builds its scene graph: the "C" and "A" scores of CAT. Thread-safe. Optionally
 * remembers the graphs of recent captions: web-scale caption sets repeat captions a lot (and the demo's
 * emoji captions repeat across styles), and parsing is the filter's main cost after OCR.
 */
public final class CaptionAnalyzer {
    /** Distinct captions whose scene graph the filter commands remember (repeated captions are parsed once). */
    public static final int DEFAULT_CACHE = 65_536;

    private final CaptionParser parser;
    private final SceneGraphBuilder builder = new SceneGraphBuilder();
    private final LruMemo<String, SceneGraph> memo;

    public CaptionAnalyzer(CaptionParser parser) {
        this(parser, 0);
    }

    /** @param cacheCaptions distinct captions whose graph is remembered (0 = parse every call) */
    public CaptionAnalyzer(CaptionParser parser, int cacheCaptions) {
        this.parser = Objects.requireNonNull(parser, "parser");
        if (cacheCaptions < 0) {
            throw new IllegalArgumentException("caption cache must be >= 0, got " + cacheCaptions);
        }
        this.memo = cacheCaptions == 0 ? null : new LruMemo<>(cacheCaptions);
    }

    public CaptionParser parser() {
        return parser;
    }

    public SceneGraph analyze(String caption) {
        return memo == null ? parseAndBuild(caption) : memo.get(caption, () -> parseAndBuild(caption));
    }

    /** Captions answered from the cache so far (0 without a cache). */
    public long cacheHits() {
        return memo == null ? 0 : memo.hits();
    }

    private SceneGraph parseAndBuild(String caption) {
        CaptionParse parse = parser.parse(caption);
        return parse.size() == 0 ? SceneGraph.EMPTY : builder.build(parse);
    }
}
