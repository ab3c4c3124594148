package io.dihit.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dihit's InfoNCE training step against the PyTorch eager peer ({@code examples/peer/torch_peer_bench.py}),
 * run so that the ratio measures the training loops and not a missing BLAS: first the peer's own
 * 1024^3 sgemm rate, and no comparison when it is below {@link #MIN_PEER_GFLOPS} (Debian's torch without
 * libopenblas0-pthread runs a reference BLAS at 30-40 GFLOP/s); then at least three rounds, each dihit
 * then the peer, so load drift hits both; medians and ranges of both rates and of their per-round ratio.
 */
public final class PeerComparison {

    /** Below this 1024^3 sgemm rate the peer's BLAS is the reference one and a comparison is void. */
    public static final double MIN_PEER_GFLOPS = 100;
    public static final int MIN_ROUNDS = 3;
    static final String PYTHON = "/usr/bin/python3";

    /** The peer's 1024^3 sgemm on two threads, measured as the peer script measures it. */
    private static final String GEMM_PROBE = String.join("\n",
            "import os, time, torch",
            "torch.set_num_threads(int(os.environ.get('THREADS', '2')))",
            "a = torch.randn(1024, 1024); b = torch.randn(1024, 1024)",
            "for _ in range(3): a @ b",
            "g = []",
            "for _ in range(10):",
            "    t0 = time.perf_counter(); a @ b; g.append(time.perf_counter() - t0)",
            "print('gemm_gflops %.1f' % (2 * 1024 ** 3 / sorted(g)[5] / 1e9))");

    /** One dihit measurement of a round: InfoNCE training samples per second. */
    @FunctionalInterface
    public interface DihitRound {
        double samplesPerSecond(int round) throws Exception;
    }

    /** One peer run: its samples/s and the GEMM rate it measured in the same process. */
    record PeerRun(double samplesPerSecond, double gemmGflops) {
    }

    /** Median, smallest and largest of a few values. */
    record Spread(double median, double min, double max) {
        static Spread of(List<Double> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("no values");
            }
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Spread(median, v[0], v[v.length - 1]);
        }

        String format(String unit) {
            return String.format(Locale.ROOT, "median %.2f%s (range %.2f-%.2f)", median, unit, min, max);
        }
    }

    private PeerComparison() {
    }

    /**
     * Checks the peer's BLAS, then runs {@code rounds} interleaved rounds and prints the summary.
     *
     * @throws IllegalStateException when the peer multiplies below {@link #MIN_PEER_GFLOPS}
     */
    public static void run(String script, int batch, int steps, int rounds, DihitRound dihit, PrintStream out) throws Exception {
        if (rounds < MIN_ROUNDS) {
            throw new IllegalArgumentException("a peer comparison needs at least " + MIN_ROUNDS + " interleaved rounds, got " + rounds);
        }
        double gemm = parseGemm(python(List.of(PYTHON, "-c", GEMM_PROBE), "infonce"));
        out.printf(Locale.ROOT, "peer GEMM (torch 1024^3 sgemm, 2 threads): %.1f GFLOP/s%n", gemm);
        requireBlas(gemm);
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double sps = dihit.samplesPerSecond(round);
            PeerRun peer = parsePeerLine(python(List.of(PYTHON, script, Integer.toString(batch), Integer.toString(steps)), "infonce"));
            requireBlas(peer.gemmGflops());
            ours.add(sps);
            theirs.add(peer.samplesPerSecond());
            ratios.add(sps / peer.samplesPerSecond());
            out.printf(Locale.ROOT, "round %d: dihit %.1f samples/s, peer %.1f samples/s (peer GEMM %.1f GFLOP/s), ratio %.2fx%n",
                    round + 1, sps, peer.samplesPerSecond(), peer.gemmGflops(), ratios.get(round));
        }
        out.println("dihit InfoNCE: " + Spread.of(ours).format(" samples/s"));
        out.println("peer InfoNCE:  " + Spread.of(theirs).format(" samples/s"));
        out.println("dihit / peer:  " + Spread.of(ratios).format("x") + " over " + rounds + " interleaved rounds");
    }

    static void requireBlas(double peerGflops) {
        if (peerGflops < MIN_PEER_GFLOPS) {
            throw new IllegalStateException(String.format(Locale.ROOT, "the peer's torch multiplies 1024^3 at %.1f GFLOP/s (< %.0f), so a "
                    + "comparison would measure its BLAS, not the training loop. Install libopenblas0-pthread (apt-get install "
                    + "libopenblas0-pthread); if it is installed, OpenBLAS may not recognise this CPU (OPENBLAS_VERBOSE=2 prints "
                    + "'Core: Prescott' on an AVX2 / AVX-512 machine): export OPENBLAS_CORETYPE=Haswell or SkylakeX and rerun",
                    peerGflops, MIN_PEER_GFLOPS));
        }
    }

    /** The probe's "gemm_gflops X" line. */
    static double parseGemm(String output) {
        Matcher m = Pattern.compile("gemm_gflops ([0-9.]+)").matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("the peer's GEMM probe printed no rate (is python3-torch installed?): " + output.strip());
        }
        return Double.parseDouble(m.group(1));
    }

    /** The peer script's JSON line (the last line starting with '{'). */
    static PeerRun parsePeerLine(String output) throws IOException {
        String json = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                json = line;
            }
        }
        if (json == null) {
            throw new IllegalStateException("the peer script printed no result line: " + output.strip());
        }
        JsonNode node = new ObjectMapper().readTree(json);
        if (!node.hasNonNull("samples_per_s") || !node.hasNonNull("gemm_gflops")) {
            throw new IllegalStateException("the peer's result line lacks samples_per_s or gemm_gflops: " + json);
        }
        return new PeerRun(node.get("samples_per_s").asDouble(), node.get("gemm_gflops").asDouble());
    }

    private static String python(List<String> command, String loss) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LOSS", loss);
        pb.environment().put("THREADS", "2");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(2, command.size()))) + " failed: " + out.strip());
        }
        return out;
    }
}
