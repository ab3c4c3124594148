package io.dihit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReportFindingsTest {

    @Test
    void comparesEachStepWithThePreviousAgainstTheSeedSpread() {
        MetricTable table = new MetricTable("variant")
                .add("base", "R@1", 0.10).add("base", "R@1", 0.12).add("base", "top-1", 0.50).add("base", "top-1", 0.52)
                .add("hn", "R@1", 0.20).add("hn", "R@1", 0.22).add("hn", "top-1", 0.40).add("hn", "top-1", 0.42)
                .add("distill", "R@1", 0.205).add("distill", "R@1", 0.215).add("distill", "top-1", 0.41).add("distill", "top-1", 0.42);
        StringBuilder md = new StringBuilder();
        DemoReportWriter.appendFindings(md, table);
        assertEquals("""
                What each step does here (DiHT reports gains for every step):

                - **hn** vs base: R@1 up (+10.0), top-1 down (-10.0)
                - **distill** vs hn: R@1 within noise (-0.0), top-1 within noise (+0.5)

                Which of the paper's gains reproduce at this scale (a gain counts when the difference of means is \
                larger than the larger of the two standard deviations):

                - **hn**: reproduced on R@1; opposite on top-1.
                - **distill**: no gain beyond the seed spread; not shown on R@1, top-1 (within noise).

                """, md.toString());
    }

    @Test
    void oneSeedMakesNoClaim() {
        MetricTable table = new MetricTable("variant").add("base", "R@1", 0.10).add("hn", "R@1", 0.20);
        StringBuilder md = new StringBuilder();
        DemoReportWriter.appendFindings(md, table);
        assertEquals("""
                What each step does here (DiHT reports gains for every step):

                - **hn** vs base: R@1 up (+10.0)

                With one seed there is no spread to compare against, so none of these differences is evidence either \
                way; run with `--seeds 3` or more.

                """, md.toString());
    }
}
