package io.dihit.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerComparisonTest {

    @Test
    void parsesTheProbeAndThePeerLine() throws Exception {
        assertEquals(204.5, PeerComparison.parseGemm("gemm_gflops 204.5\n"), 1e-9);
        assertThrows(IllegalStateException.class, () -> PeerComparison.parseGemm("ModuleNotFoundError: No module named 'torch'"));
        String out = "torch_peer_bench: warning\n{\"peer\": \"pytorch-eager 1.13.0\", \"batch\": 128, \"loss\": \"infonce\", "
                + "\"step_s_median\": 3.75, \"samples_per_s\": 34.1, \"gemm_gflops\": 177.0, \"train_gflop_per_sample\": 2.862, \"mfu\": 0.55}\n";
        PeerComparison.PeerRun run = PeerComparison.parsePeerLine(out);
        assertEquals(34.1, run.samplesPerSecond(), 1e-9);
        assertEquals(177.0, run.gemmGflops(), 1e-9);
        assertThrows(IllegalStateException.class, () -> PeerComparison.parsePeerLine("Traceback ...\n"));
    }

    @Test
    void refusesAPeerWithoutARealBlas() {
        PeerComparison.requireBlas(100.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PeerComparison.requireBlas(33.0));
        assertTrue(e.getMessage().contains("libopenblas0-pthread"), e.getMessage());
    }

    @Test
    void mediansAndRanges() {
        PeerComparison.Spread odd = PeerComparison.Spread.of(List.of(1.7, 1.1, 1.4));
        assertEquals(new PeerComparison.Spread(1.4, 1.1, 1.7), odd);
        assertEquals("median 1.40x (range 1.10-1.70)", odd.format("x"));
        assertEquals(1.25, PeerComparison.Spread.of(List.of(1.0, 1.5, 1.2, 1.3)).median(), 1e-12);
    }

    @Test
    void fewerThanThreeRoundsIsRefusedBeforeAnythingRuns() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        assertThrows(IllegalArgumentException.class, () -> PeerComparison.run("peer.py", 128, 3, 2, round -> {
            throw new AssertionError("must not measure");
        }, out));
    }
}
