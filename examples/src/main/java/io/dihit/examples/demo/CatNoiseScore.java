package io.dihit.examples.demo;

import io.dihit.examples.data.NoiseKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * How well the CAT filter, which never sees the kinds, removed each injected kind: the filter's kept and
 * rejected ids joined with the side table of kinds. Recall of a kind = its rejected rows / its rows;
 * precision of a kind = its rejected rows / all rejected rows (the share of the filter's rejections that
 * hit it); noise precision = rejected noisy rows / all rejected rows. Rows the job failed on are counted
 * apart, so rows = kept + rejected + failed for every kind.
 */
public record CatNoiseScore(Map<NoiseKind, KindScore> kinds, int rejected, int rejectedNoise) {

    /** One kind's counts. */
    public record KindScore(int rows, int kept, int rejected, int failed) {

        /** Share of this kind's rows that the filter rejected (NaN when the kind has no rows). */
        public double recall() {
            return rows == 0 ? Double.NaN : (double) rejected / rows;
        }
    }

    public CatNoiseScore {
        kinds = Map.copyOf(kinds);
    }

    /** Joins the filter's outputs with the kinds; every kept or rejected id must have a kind. */
    public static CatNoiseScore of(Map<String, NoiseKind> kinds, Set<String> keptIds, Set<String> rejectedIds) {
        for (Set<String> ids : java.util.List.of(keptIds, rejectedIds)) {
            for (String id : ids) {
                if (!kinds.containsKey(id)) {
                    throw new IllegalArgumentException("filter output id '" + id + "' is not in the table of kinds");
                }
            }
        }
        Map<NoiseKind, int[]> counts = new EnumMap<>(NoiseKind.class);
        for (NoiseKind kind : NoiseKind.values()) {
            counts.put(kind, new int[4]);
        }
        int rejected = 0;
        int rejectedNoise = 0;
        for (var entry : kinds.entrySet()) {
            int[] c = counts.get(entry.getValue());
            c[0]++;
            boolean kept = keptIds.contains(entry.getKey());
            boolean rej = rejectedIds.contains(entry.getKey());
            if (kept && rej) {
                throw new IllegalArgumentException("id '" + entry.getKey() + "' is both kept and rejected");
            }
            c[kept ? 1 : rej ? 2 : 3]++;
            if (rej) {
                rejected++;
                rejectedNoise += entry.getValue() == NoiseKind.CLEAN ? 0 : 1;
            }
        }
        Map<NoiseKind, KindScore> scores = new EnumMap<>(NoiseKind.class);
        counts.forEach((k, c) -> scores.put(k, new KindScore(c[0], c[1], c[2], c[3])));
        return new CatNoiseScore(scores, rejected, rejectedNoise);
    }

    public KindScore kind(NoiseKind kind) {
        return kinds.get(kind);
    }

    /** Share of all rejections that hit {@code kind} (NaN when nothing was rejected). */
    public double precision(NoiseKind kind) {
        return rejected == 0 ? Double.NaN : (double) kinds.get(kind).rejected() / rejected;
    }

    /** Share of all rejections that hit injected noise of any kind. */
    public double noisePrecision() {
        return rejected == 0 ? Double.NaN : (double) rejectedNoise / rejected;
    }
}
