package io.dihit.filter.caption;

import java.util.Objects;

/** Parses a caption and builds its scene graph: the "C" and "A" scores of CAT. Thread-safe. */
public final class CaptionAnalyzer {
    private final CaptionParser parser;
    private final SceneGraphBuilder builder = new SceneGraphBuilder();

    public CaptionAnalyzer(CaptionParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    public CaptionParser parser() {
        return parser;
    }

    public SceneGraph analyze(String caption) {
        CaptionParse parse = parser.parse(caption);
        return parse.size() == 0 ? SceneGraph.EMPTY : builder.build(parse);
    }
}
