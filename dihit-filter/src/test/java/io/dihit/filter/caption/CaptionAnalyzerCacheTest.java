package io.dihit.filter.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CaptionAnalyzerCacheTest {

    /** "dog chasing ball" style parse: noun, participle, noun; counts its calls. */
    private static final class CountingParser implements CaptionParser {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public CaptionParse parse(String caption) {
            calls.incrementAndGet();
            String[] w = caption.split(" ");
            return new CaptionParse(List.of(new ParsedToken(0, w[0], w[0], "NN", -1, "root"),
                    new ParsedToken(1, w[1], w[1], "VBG", 0, "acl"), new ParsedToken(2, w[2], w[2], "NN", 1, "dobj")), false);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void repeatedCaptionsAreParsedOnceWithTheSameGraph() {
        CountingParser parser = new CountingParser();
        CaptionAnalyzer cached = new CaptionAnalyzer(parser, 8);
        SceneGraph first = cached.analyze("dog chasing ball");
        SceneGraph again = cached.analyze("dog chasing ball");
        cached.analyze("cat chasing mouse");
        assertEquals(2, parser.calls.get());
        assertEquals(1, cached.cacheHits());
        assertEquals(first, again);
        assertEquals(new CaptionAnalyzer(new CountingParser()).analyze("dog chasing ball"), first);
        assertEquals(1, first.actions());
    }

    @Test
    void withoutACacheEveryCallParses() {
        CountingParser parser = new CountingParser();
        CaptionAnalyzer plain = new CaptionAnalyzer(parser);
        plain.analyze("dog chasing ball");
        plain.analyze("dog chasing ball");
        assertEquals(2, parser.calls.get());
        assertEquals(0, plain.cacheHits());
        assertThrows(IllegalArgumentException.class, () -> new CaptionAnalyzer(parser, -1));
    }
}
