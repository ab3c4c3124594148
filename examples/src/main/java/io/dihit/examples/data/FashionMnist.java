package io.dihit.examples.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads Fashion-MNIST's gzipped IDX files (Debian package dataset-fashion-mnist). */
public final class FashionMnist {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    /** Class names in label order, as zero-shot prompts read them. */
    public static final List<String> CLASS_NAMES = List.of("t-shirt", "trousers", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle boot");
    public static final int SIDE = 28;

    private static final int IMAGE_MAGIC = 0x00000803;
    private static final int LABEL_MAGIC = 0x00000801;

    /** Grey images as stored (row-major, 0 = black background) and their labels. */
    public record Split(byte[][] images, int[] labels) {
        public Split {
            if (images.length != labels.length) {
                throw new IllegalArgumentException(images.length + " images but " + labels.length + " labels");
            }
        }

        public int size() {
            return labels.length;
        }
    }

    private FashionMnist() {
    }

    /** Reads the first {@code limit} examples of the train or test split. */
    public static Split read(Path dir, boolean train, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        Path images = dir.resolve(train ? TRAIN_IMAGES : TEST_IMAGES);
        Path labels = dir.resolve(train ? TRAIN_LABELS : TEST_LABELS);
        if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
            throw new IllegalStateException("Fashion-MNIST missing in " + dir + ": " + DataLayout.FETCH_HINT);
        }
        byte[][] pixels = readImages(images, limit);
        int[] y = readLabels(labels, pixels.length);
        return new Split(pixels, y);
    }

    private static byte[][] readImages(Path file, int limit) {
        try (DataInputStream in = open(file)) {
            expectMagic(in.readInt(), IMAGE_MAGIC, file);
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows != SIDE || cols != SIDE) {
                throw new IllegalStateException(file + ": expected " + SIDE + "x" + SIDE + " images, found " + rows + "x" + cols);
            }
            int n = Math.min(count, limit);
            byte[][] images = new byte[n][SIDE * SIDE];
            for (byte[] image : images) {
                in.readFully(image);
            }
            return images;
        } catch (EOFException e) {
            throw new IllegalStateException(file + " is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static int[] readLabels(Path file, int n) {
        try (DataInputStream in = open(file)) {
            expectMagic(in.readInt(), LABEL_MAGIC, file);
            int count = in.readInt();
            if (count < n) {
                throw new IllegalStateException(file + " has " + count + " labels for " + n + " images");
            }
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                int label = in.readUnsignedByte();
                if (label >= CLASS_NAMES.size()) {
                    throw new IllegalStateException(file + ": label " + label + " at " + i + " is out of range");
                }
                labels[i] = label;
            }
            return labels;
        } catch (EOFException e) {
            throw new IllegalStateException(file + " is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
    }

    private static void expectMagic(int found, int expected, Path file) {
        if (found != expected) {
            throw new IllegalStateException(String.format("%s: IDX magic %08x, expected %08x", file, found, expected));
        }
    }
}
