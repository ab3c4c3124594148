package io.dihit.eval.data;

import io.dihit.core.image.RgbImage;
import java.io.IOException;
import java.util.List;

/** The first n samples of a labelled dataset (for quick runs); its fingerprint differs from the full set's. */
public final class FirstN implements LabeledImages {
    private final LabeledImages base;
    private final int n;

    private FirstN(LabeledImages base, int n) {
        this.base = base;
        this.n = n;
    }

    /** {@code base} itself when it has at most n samples. */
    public static LabeledImages of(LabeledImages base, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + n);
        }
        return n >= base.size() ? base : new FirstN(base, n);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public List<String> classNames() {
        return base.classNames();
    }

    @Override
    public int label(int index) {
        return base.label(check(index));
    }

    @Override
    public String id(int index) {
        return base.id(check(index));
    }

    @Override
    public RgbImage image(int index) throws IOException {
        return base.image(check(index));
    }

    @Override
    public String fingerprint() {
        return new Fingerprints().add(base.fingerprint()).add(n).hex();
    }

    private int check(int index) {
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException(index + " outside [0, " + n + ")");
        }
        return index;
    }
}
