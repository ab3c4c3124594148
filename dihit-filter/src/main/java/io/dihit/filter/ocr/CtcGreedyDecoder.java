package io.dihit.filter.ocr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy CTC decoding for PaddleOCR recognisers: per time step the most probable class; repeats
 * collapse, the blank (class 0) separates them and is dropped. Classes are
 * {@code [blank] + dictionary lines + [" "]} (PaddleOCR's {@code use_space_char=True}). The
 * confidence is the mean probability of the kept characters, as PaddleOCR reports it.
 * Immutable and thread-safe.
 */
final class CtcGreedyDecoder {

    /** A decoded line; empty text with confidence 0 when only blanks were read. */
    public record Decoded(String text, double confidence) {
    }

    private final String[] classes;

    public CtcGreedyDecoder(List<String> dictionary) {
        if (dictionary.isEmpty()) {
            throw new IllegalArgumentException("empty recognition dictionary");
        }
        classes = new String[dictionary.size() + 2];
        classes[0] = "";
        for (int i = 0; i < dictionary.size(); i++) {
            classes[i + 1] = dictionary.get(i);
        }
        classes[classes.length - 1] = " ";
    }

    /** Reads a PaddleOCR dictionary file: one character per line, UTF-8. */
    public static CtcGreedyDecoder fromDictionaryFile(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(line.replace("\r", ""));
        }
        return new CtcGreedyDecoder(lines);
    }

    /** Number of classes the recogniser's output must have. */
    public int classCount() {
        return classes.length;
    }

    /**
     * Decodes one sequence stored row-major as {@code steps x classCount()} probabilities starting at
     * {@code offset}. Values are taken as probabilities (PP-OCR inference models end in a softmax).
     */
    public Decoded decode(float[] probabilities, int offset, int steps) {
        int c = classes.length;
        if (offset < 0 || steps < 0 || offset + (long) steps * c > probabilities.length) {
            throw new IllegalArgumentException("sequence of " + steps + " steps x " + c + " classes at " + offset
                    + " exceeds " + probabilities.length + " values");
        }
        StringBuilder text = new StringBuilder();
        double confidenceSum = 0;
        int kept = 0;
        int previous = -1;
        for (int t = 0; t < steps; t++) {
            int base = offset + t * c;
            int best = 0;
            float bestP = probabilities[base];
            for (int k = 1; k < c; k++) {
                if (probabilities[base + k] > bestP) {
                    bestP = probabilities[base + k];
                    best = k;
                }
            }
            if (best != 0 && best != previous) {
                text.append(classes[best]);
                confidenceSum += bestP;
                kept++;
            }
            previous = best;
        }
        return kept == 0 ? new Decoded("", 0.0) : new Decoded(text.toString(), confidenceSum / kept);
    }
}
