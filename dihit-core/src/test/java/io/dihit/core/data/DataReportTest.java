package io.dihit.core.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DataReportTest {

    @Test
    void listenerReceivesEverySkipInOrderBeyondThePreviewCap() {
        DataReport report = new DataReport("test");
        List<Skip> seen = new ArrayList<>();
        report.addSkipListener(seen::add);
        int n = DataReport.MAX_EXAMPLES + 250;
        for (int i = 0; i < n; i++) {
            report.skip(i + 2, "id" + i, i % 2 == 0 ? SkipReason.EMPTY_CAPTION : SkipReason.BAD_UTF8, "d");
        }
        report.kept();
        assertEquals(n, seen.size());
        for (int i = 0; i < n; i++) {
            assertEquals("id" + i, seen.get(i).id());
            assertEquals(i + 2, seen.get(i).where());
        }
        assertEquals(DataReport.MAX_EXAMPLES, report.examples().size());
        assertEquals(625, report.count(SkipReason.EMPTY_CAPTION));
        assertEquals(625, report.count(SkipReason.BAD_UTF8));
        assertEquals(n + 1, report.read());
    }
}
