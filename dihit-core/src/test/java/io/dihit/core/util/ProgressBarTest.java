package io.dihit.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long SECOND = 1_000_000_000L;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong(5 * SECOND);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void logOutputPrintsOneLineAtEachTenthWithRateAndEta() {
        try (ProgressBar bar = new ProgressBar(out, "images", 10, false, clock::get)) {
            clock.addAndGet(2 * SECOND);
            bar.advance(4);       // 4 in 2 s: 2.0/s, 6 left -> 3 s
            clock.addAndGet(SECOND);
            bar.advanceTo(3);     // a late, lower report changes nothing and prints nothing
            bar.step();           // 5 in 3 s
        }
        assertEquals("""
                images [############..................]  40% 4/10 2.0/s eta 3s
                images [###############...............]  50% 5/10 1.7/s eta 3s
                """, printed());
    }

    @Test
    void closeShowsAnUnfinishedStateOnceWithoutFakingCompletion() {
        ProgressBar bar = new ProgressBar(out, "t", 4, false, clock::get);
        clock.addAndGet(SECOND);
        bar.advance(4);
        bar.close();
        bar.close();
        ProgressBar partial = new ProgressBar(out, "p", 20, false, clock::get);
        partial.advanceTo(2);
        clock.addAndGet(SECOND);
        partial.detail("loss 0.5");
        partial.advanceTo(3);     // same tenth as 2: no line until close
        partial.close();
        assertEquals("""
                t [##############################] 100% 4/4 4.0/s eta 0s
                p [###...........................]  10% 2/20 ?/s eta ?
                p [####..........................]  15% 3/20 3.0/s eta 6s loss 0.5
                """, printed());
    }

    @Test
    void terminalRedrawsInPlaceAndEndsTheLine() {
        ProgressBar bar = new ProgressBar(out, "x", 2, true, clock::get);
        clock.addAndGet(SECOND);
        bar.step();
        bar.step();
        bar.finish();
        assertEquals("\rx [###############...............]  50% 1/2 1.0/s eta 1s"
                + "\rx [##############################] 100% 2/2 2.0/s eta 0s"
                + "\rx [##############################] 100% 2/2 2.0/s eta 0s\n", printed());
    }

    @Test
    void unknownTotalShowsCountsAndRateOfThisRunOnly() {
        ProgressBar bar = new ProgressBar(out, "[filter]", 0, false, clock::get).resumedAt(100);
        bar.detail("kept 3");
        clock.addAndGet(4 * SECOND);
        bar.advanceTo(108);
        bar.finish();
        assertEquals("[filter] 108 2.0/s kept 3\n", printed());
        assertThrows(IllegalArgumentException.class, () -> new ProgressBar(out, "x", -1));
    }

    @Test
    void aTotalThatWasAnUnderestimateShowsTheRealCountWithAFullBar() {
        ProgressBar bar = new ProgressBar(out, "rows", 4, false, clock::get);
        clock.addAndGet(SECOND);
        bar.advanceTo(5);
        bar.finish();
        assertEquals("rows [##############################] 100% 5/4 5.0/s eta 0s\n", printed());
        assertEquals(5, bar.done());
    }
}
