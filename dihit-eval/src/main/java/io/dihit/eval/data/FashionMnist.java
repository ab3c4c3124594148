package io.dihit.eval.data;

import io.dihit.core.image.RgbImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST (Zalando; 60,000 train and 10,000 test 28x28 grey images of 10 clothing classes) read from its
 * IDX files, plain or gzipped, as shipped by the Debian package {@code dataset-fashion-mnist}.
 */
public final class FashionMnist implements LabeledImages {
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The dataset's official class names, by label. */
    public static final List<String> OFFICIAL_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** The same classes phrased for prompts ("a photo of a {}."). */
    public static final List<String> PROMPT_NAMES = List.of("t-shirt or top", "trouser", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle boot");
    public static final int SIDE = 28;

    public enum Split {
        TRAIN("train"), TEST("t10k");

        final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    private final Split split;
    private final byte[] pixels;
    private final byte[] labels;
    private final String fingerprint;

    private FashionMnist(Split split, byte[] pixels, byte[] labels, String fingerprint) {
        this.split = split;
        this.pixels = pixels;
        this.labels = labels;
        this.fingerprint = fingerprint;
    }

    /** Loads a split from the Debian location. */
    public static FashionMnist load(Split split) throws IOException {
        return load(DEBIAN_DIR, split);
    }

    /** Loads {@code <prefix>-images-idx3-ubyte[.gz]} and {@code <prefix>-labels-idx1-ubyte[.gz]} from dir. */
    public static FashionMnist load(Path dir, Split split) throws IOException {
        Path images = find(dir, split.prefix + "-images-idx3-ubyte");
        Path labelFile = find(dir, split.prefix + "-labels-idx1-ubyte");
        Idx img = Idx.read(images);
        Idx lab = Idx.read(labelFile);
        if (img.dims.length != 3 || img.dims[1] != SIDE || img.dims[2] != SIDE) {
            throw new IOException(images + ": expected N x 28 x 28 images, got dims " + java.util.Arrays.toString(img.dims));
        }
        if (lab.dims.length != 1 || lab.dims[0] != img.dims[0]) {
            throw new IOException(labelFile + ": " + lab.dims[0] + " labels for " + img.dims[0] + " images");
        }
        for (int i = 0; i < lab.data.length; i++) {
            if (lab.data[i] < 0 || lab.data[i] >= OFFICIAL_NAMES.size()) {
                throw new IOException(labelFile + ": label " + lab.data[i] + " of sample " + i + " outside 0..9");
            }
        }
        String fp = new Fingerprints().add("fashion-mnist").add(split.name()).add(img.data).add(lab.data).hex();
        return new FashionMnist(split, img.data, lab.data, fp);
    }

    private static Path find(Path dir, String base) throws IOException {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new NoSuchFileException(dir.resolve(base) + "[.gz]",
                null, "Fashion-MNIST file missing; install the Debian package dataset-fashion-mnist");
    }

    public Split split() {
        return split;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public List<String> classNames() {
        return PROMPT_NAMES;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public String id(int index) {
        return split.prefix + "/" + index;
    }

    /** Raw pixels of one image, 0..255 row-major. */
    public int pixel(int index, int row, int col) {
        return pixels[index * SIDE * SIDE + row * SIDE + col] & 0xFF;
    }

    /** Pixels scaled to [0, 1] as a 784-long feature vector (a model-free baseline representation). */
    public float[] pixelFeatures(int index) {
        float[] out = new float[SIDE * SIDE];
        int base = index * SIDE * SIDE;
        for (int i = 0; i < out.length; i++) {
            out[i] = (pixels[base + i] & 0xFF) / 255f;
        }
        return out;
    }

    /** The grey image replicated into RGB (the dataset is light garments on a black background). */
    @Override
    public RgbImage image(int index) {
        byte[] rgb = new byte[SIDE * SIDE * 3];
        int base = index * SIDE * SIDE;
        for (int i = 0; i < SIDE * SIDE; i++) {
            byte v = pixels[base + i];
            rgb[3 * i] = v;
            rgb[3 * i + 1] = v;
            rgb[3 * i + 2] = v;
        }
        return new RgbImage(SIDE, SIDE, rgb);
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    /** An IDX file: big-endian magic (0, 0, type 0x08 = unsigned byte, number of dims), dims, then data. */
    private record Idx(int[] dims, byte[] data) {
        static Idx read(Path file) throws IOException {
            try (InputStream raw = Files.newInputStream(file);
                 InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                 DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16))) {
                int magic = d.readInt();
                int type = (magic >>> 8) & 0xFF;
                int ndim = magic & 0xFF;
                if ((magic >>> 16) != 0 || type != 0x08 || ndim < 1 || ndim > 4) {
                    throw new IOException(file + ": not an unsigned-byte IDX file (magic 0x" + Integer.toHexString(magic) + ")");
                }
                int[] dims = new int[ndim];
                long total = 1;
                for (int i = 0; i < ndim; i++) {
                    dims[i] = d.readInt();
                    total *= dims[i];
                }
                if (total < 0 || total > Integer.MAX_VALUE - 8) {
                    throw new IOException(file + ": bad IDX dims " + java.util.Arrays.toString(dims));
                }
                byte[] data = new byte[(int) total];
                try {
                    d.readFully(data);
                } catch (java.io.EOFException e) {
                    throw new IOException(file + ": truncated IDX file (expected " + total + " data bytes)", e);
                }
                return new Idx(dims, data);
            }
        }
    }
}
