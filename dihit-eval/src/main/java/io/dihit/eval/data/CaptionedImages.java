package io.dihit.eval.data;

import io.dihit.core.data.DataReport;
import io.dihit.core.data.ImageRefs;
import io.dihit.core.data.ImageTextRecord;
import io.dihit.core.data.Manifests;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retrieval set read from a manifest (CSV id,image,caption or JSON lines): rows naming the same image are
 * that image's captions (COCO/Flickr style, several captions per image). Images are ordered by first
 * appearance, captions by row order; {@link #textToImage()} links each caption to its image.
 */
public final class CaptionedImages implements ImageSet {
    private final List<String> images;
    private final List<String> captions;
    private final int[] textToImage;
    private final DataReport report;
    private final String fingerprint;

    private CaptionedImages(List<String> images, List<String> captions, int[] textToImage, DataReport report,
                            String fingerprint) {
        this.images = List.copyOf(images);
        this.captions = List.copyOf(captions);
        this.textToImage = textToImage;
        this.report = report;
        this.fingerprint = fingerprint;
    }

    /** Reads a manifest; bad rows are skipped and counted in {@link #report()} by the manifest reader. */
    public static CaptionedImages fromManifest(Path manifest) throws IOException {
        Manifests.Loaded loaded = Manifests.readAll(manifest);
        if (loaded.records().isEmpty()) {
            throw new IOException(manifest + " has no usable rows (" + loaded.report() + ")");
        }
        return fromRecords(loaded.records(), loaded.report());
    }

    public static CaptionedImages fromRecords(List<ImageTextRecord> records, DataReport report) {
        Map<String, Integer> imageIndex = new LinkedHashMap<>();
        List<String> captions = new ArrayList<>();
        int[] link = new int[records.size()];
        Fingerprints fp = new Fingerprints().add("captioned-images");
        for (int t = 0; t < records.size(); t++) {
            ImageTextRecord r = records.get(t);
            if (ImageRefs.tarMember(r.image()).isPresent()) {
                throw new IllegalArgumentException("row " + r.id() + ": tar-shard image references are not supported for"
                        + " retrieval evaluation; extract the shard or list image files");
            }
            link[t] = imageIndex.computeIfAbsent(r.image(), k -> imageIndex.size());
            captions.add(r.caption());
            fp.add(r.image()).add(r.caption());
        }
        for (String image : imageIndex.keySet()) {
            Path p = Path.of(image);
            try {
                fp.add(Files.size(p)).add(Files.getLastModifiedTime(p).toMillis());
            } catch (IOException e) {
                fp.add(-1); // missing files fail later, at decoding, with their name
            }
        }
        return new CaptionedImages(new ArrayList<>(imageIndex.keySet()), captions, link, report, fp.hex());
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public String id(int index) {
        return images.get(index);
    }

    @Override
    public RgbImage image(int index) throws IOException {
        return ImageDecoder.decode(Path.of(images.get(index)));
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    public List<String> captions() {
        return captions;
    }

    /** For every caption, the index of its image. */
    public int[] textToImage() {
        return textToImage.clone();
    }

    public DataReport report() {
        return report;
    }
}
