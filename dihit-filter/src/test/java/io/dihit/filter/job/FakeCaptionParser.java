package io.dihit.filter.job;

import io.dihit.filter.caption.CaptionParse;
import io.dihit.filter.caption.CaptionParser;
import io.dihit.filter.caption.ParsedToken;
import java.util.ArrayList;
import java.util.List;

/**
 * A model-free parser with a known outcome, for job tests: the first word is a noun, the second a
 * participle acting on the third (a noun), every further word an adjective on the first. So with n
 * words: n >= 3 gives complexity n - 2 and 1 action; n == 2 ("red car") complexity 1, no action;
 * n == 1 complexity 0.
 */
final class FakeCaptionParser implements CaptionParser {
    private final long sleepMillis;

    FakeCaptionParser(long sleepMillis) {
        this.sleepMillis = sleepMillis;
    }

    @Override
    public CaptionParse parse(String caption) {
        if (sleepMillis > 0) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String[] words = caption == null || caption.isBlank() ? new String[0] : caption.strip().split("\\s+");
        List<ParsedToken> tokens = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            tokens.add(switch (i) {
                case 0 -> new ParsedToken(0, w, w, "NN", -1, "root");
                case 1 -> words.length >= 3 ? new ParsedToken(1, w, w, "VBG", 0, "acl") : new ParsedToken(1, w, w, "JJ", 0, "amod");
                case 2 -> new ParsedToken(2, w, w, "NN", 1, "dobj");
                default -> new ParsedToken(i, w, w, "JJ", 0, "amod");
            });
        }
        return new CaptionParse(tokens, false);
    }

    /** Expected complexity of a caption under this parser and the scene-graph rules. */
    static int complexity(String caption) {
        int n = caption.strip().split("\\s+").length;
        return n >= 3 ? n - 2 : n - 1;
    }

    static int actions(String caption) {
        return caption.strip().split("\\s+").length >= 3 ? 1 : 0;
    }
}
