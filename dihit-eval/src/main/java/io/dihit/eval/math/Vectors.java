package io.dihit.eval.math;

/** Small dense-vector helpers on float rows; feature matrices are plain {@code float[n][d]}. */
public final class Vectors {
    private Vectors() {}

    /** Dot product with four accumulators (lets the JIT pipeline the loop; float order is fixed). */
    public static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length mismatch: " + a.length + " vs " + b.length);
        }
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    public static double norm(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    /** A unit-length copy; a zero vector is an error because it has no direction to compare. */
    public static float[] normalized(float[] a) {
        double n = norm(a);
        if (!(n > 0) || !Double.isFinite(n)) {
            throw new IllegalArgumentException("cannot normalise a vector of norm " + n);
        }
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (a[i] / n);
        }
        return out;
    }

    /** Unit-length copies of every row. */
    public static float[][] normalizedRows(float[][] m) {
        float[][] out = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = normalized(m[i]);
        }
        return out;
    }

    /** Checks that {@code m} is a non-empty rectangular matrix and returns its column count. */
    public static int requireRectangular(float[][] m, String name) {
        if (m == null || m.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        int d = m[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(name + " has zero columns");
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null || m[i].length != d) {
                throw new IllegalArgumentException(name + " row " + i + " has "
                        + (m[i] == null ? "no" : String.valueOf(m[i].length)) + " columns, expected " + d);
            }
        }
        return d;
    }

    /** Rows of {@code m} picked by index (shared, not copied). */
    public static float[][] rows(float[][] m, int[] index) {
        float[][] out = new float[index.length][];
        for (int i = 0; i < index.length; i++) {
            out[i] = m[index[i]];
        }
        return out;
    }

    public static int[] pick(int[] values, int[] index) {
        int[] out = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            out[i] = values[index[i]];
        }
        return out;
    }
}
