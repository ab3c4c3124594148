package io.dihit.eval.embed;

import io.dihit.core.clip.Clip;
import io.dihit.core.image.ImagePreprocessor;
import io.dihit.core.image.RgbImage;
import io.dihit.core.util.ProgressBar;
import io.dihit.eval.data.Fingerprints;
import io.dihit.eval.data.ImageSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image embeddings of a whole dataset: images are decoded and preprocessed in parallel (the Clip's evaluation
 * transform: resize shorter side, centre crop, CLIP mean/std), encoded in batches to L2-normalised rows, and
 * cached on disk under a key
 * made of the checkpoint's content hash, the dataset fingerprint and the preprocessing, so repeated evaluations
 * of the same checkpoint on the same data load the file instead of recomputing.
 */
public final class ImageEmbeddings {
    private static final Logger LOG = LoggerFactory.getLogger(ImageEmbeddings.class);

    private final Clip clip;
    private final String modelKey;
    private final Path cacheDir;

    /**
     * @param modelKey identifies the weights, see {@link #checkpointKey}
     * @param cacheDir where cached matrices live; null disables caching
     */
    public ImageEmbeddings(Clip clip, String modelKey, Path cacheDir) {
        this.clip = clip;
        this.modelKey = modelKey;
        this.cacheDir = cacheDir;
    }

    /** Content hash of a checkpoint file plus the model config (or "random-init" when there is none). */
    public static String checkpointKey(Path checkpoint, String configJson) throws IOException {
        Fingerprints fp = new Fingerprints().add(configJson);
        if (checkpoint == null) {
            return "random-init-" + fp.hex();
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(checkpoint)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                fp.add(n == buf.length ? buf : java.util.Arrays.copyOf(buf, n));
            }
        }
        return fp.hex();
    }

    /** Cache key of a dataset under this model and preprocessing. */
    public String key(ImageSet data) {
        return "img-" + modelKey + "-" + data.fingerprint() + "-" + clip.config().vision().imageSize() + "px";
    }

    /** Embeddings of every image of {@code data}, in order, from the cache when present. */
    public float[][] of(ImageSet data) throws IOException {
        String key = key(data);
        Path file = cacheDir == null ? null : cacheDir.resolve(key + ".emb");
        if (file != null && Files.isRegularFile(file)) {
            try {
                float[][] cached = FeatureFile.read(file, key);
                if (cached.length == data.size()) {
                    LOG.info("embeddings from cache {}", file);
                    return cached;
                }
                LOG.warn("cache {} has {} rows for {} images: recomputing", file, cached.length, data.size());
            } catch (IOException e) {
                LOG.warn("unreadable cache {} ({}): recomputing", file, e.getMessage());
            }
        }
        float[][] features = compute(data);
        if (file != null) {
            FeatureFile.write(file, key, features);
            LOG.info("cached embeddings in {}", file);
        }
        return features;
    }

    /** Encodes every image (no cache). Images that fail to decode stop the run with their id in the error. */
    public float[][] compute(ImageSet data) {
        ImagePreprocessor pre = clip.preprocessor();
        int per = pre.floatsPerImage();
        int batch = clip.batchSize();
        float[][] out = new float[data.size()][];
        ProgressBar progress = new ProgressBar(System.err, "images", data.size());
        float[] pixels = new float[batch * per];
        for (int start = 0; start < data.size(); start += batch) {
            int count = Math.min(batch, data.size() - start);
            int first = start;
            IntStream.range(0, count).parallel().forEach(i -> {
                try {
                    RgbImage img = data.image(first + i);
                    pre.applyInto(img, new Random(0), pixels, i * per); // evaluation transform: rng unused
                } catch (IOException e) {
                    throw new UncheckedIOException("image " + data.id(first + i) + ": " + e.getMessage(), e);
                }
            });
            float[][] features = clip.encodePreprocessed(pixels, count);
            System.arraycopy(features, 0, out, start, count);
            progress.advance(count);
        }
        progress.finish();
        return out;
    }
}
