package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricTableTest {

    @Test
    void rendersMeanAndStdPerCellInInsertionOrder() {
        MetricTable table = new MetricTable("variant")
                .add("baseline", "R@1", 0.10).add("baseline", "R@1", 0.20).add("baseline", "R@1", 0.30)
                .add("baseline", "R@5", 0.50)
                .add("DiHT", "R@1", 0.40);
        assertEquals(List.of("baseline", "DiHT"), table.rows());
        assertEquals(List.of("R@1", "R@5"), table.columns());
        assertEquals(0.2, table.stats("baseline", "R@1").mean(), 1e-12);
        assertEquals("""
                | variant | R@1 | R@5 |
                |---|---:|---:|
                | baseline | 20.0 ± 10.0 | 50.0 ± 0.0 |
                | DiHT | 40.0 ± 0.0 | – |
                """, table.toMarkdown());
    }

    @Test
    void rejectsNonFiniteValuesAndMissingCells() {
        MetricTable table = new MetricTable("v");
        assertThrows(IllegalArgumentException.class, () -> table.add("a", "b", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> table.stats("a", "b"));
    }
}
