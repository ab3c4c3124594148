package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReportFindingsTest {

    @Test
    void comparesEachStepWithThePreviousAgainstTheSeedSpread() {
        MetricTable table = new MetricTable("variant")
                .add("base", "R@1", 0.10).add("base", "R@1", 0.12)
                .add("hn", "R@1", 0.20).add("hn", "R@1", 0.22)
                .add("distill", "R@1", 0.205).add("distill", "R@1", 0.215);
        StringBuilder md = new StringBuilder();
        ReportWriter.appendFindings(md, table);
        assertEquals("""
                What each step does here (DiHT reports gains for every step):

                - **hn** vs base: R@1 up (+10.0)
                - **distill** vs hn: R@1 within noise (-0.0)

                """, md.toString());
    }
}
