package io.dihit.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dihit.core.model.ClipConfig;
import io.dihit.core.model.ModelFlops;
import io.dihit.examples.data.RequiredData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerComparisonTest {

    /** The peer script the docs run, on demo_tiny: it trains, and it counts model FLOPs as dihit's ModelFlops does. */
    @Test
    void theShippedPeerScriptTrainsAndCountsFlopsAsDihitDoes() throws Exception {
        requireTorch();
        ProcessBuilder pb = new ProcessBuilder(PeerComparison.PYTHON, Path.of("peer", "torch_peer_bench.py").toString(), "4", "1")
                .redirectErrorStream(true);
        pb.environment().put("MODEL_CONFIG", "../dihit-core/src/main/resources/io/dihit/core/model/configs/demo_tiny.json");
        pb.environment().put("THREADS", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the peer script finishes");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        PeerComparison.PeerRun run = PeerComparison.parsePeerLine(out);
        assertTrue(run.samplesPerSecond() > 0 && run.gemmGflops() > 0, out);
        double gflop = Double.parseDouble(out.replaceAll("(?s).*\"train_gflop_per_sample\": ([0-9.]+).*", "$1"));
        assertEquals(ModelFlops.trainingPerSample(ClipConfig.named("demo_tiny")) / 1e9, gflop, 1e-4, out);
    }

    private static void requireTorch() throws Exception {
        Process p = new ProcessBuilder(PeerComparison.PYTHON, "-c", "import torch").redirectErrorStream(true).start();
        boolean ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        RequiredData.require(ok, "python3-torch", "apt-get install python3-torch libopenblas0-pthread (.ci/setup.d/50-peer.sh)");
    }

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
        assertTrue(e.getMessage().contains("libopenblas0-pthread") && e.getMessage().contains("OPENBLAS_CORETYPE"), e.getMessage());
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
