package io.dihit.eval.data;

import io.dihit.core.data.DataReport;
import io.dihit.core.data.ImageTextDataset;
import io.dihit.core.data.ImageTextRecord;
import io.dihit.core.data.Skip;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.RgbImage;
import io.dihit.core.util.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A retrieval set over a core {@link ImageTextDataset} (CSV / JSONL manifests, tar shards, or records): records
 * naming the same image are that image's captions (COCO/Flickr style, several captions per image). Images are
 * ordered by first appearance, captions by record order; {@link #textToImage()} links each caption to its image.
 */
public final class CaptionedImages implements ImageSet {
    private final ImageTextDataset dataset;
    private final int[] imageRecord;
    private final List<String> captions;
    private final int[] textToImage;
    private final String fingerprint;

    private CaptionedImages(ImageTextDataset dataset, int[] imageRecord, List<String> captions, int[] textToImage,
                            String fingerprint) {
        this.dataset = dataset;
        this.imageRecord = imageRecord;
        this.captions = List.copyOf(captions);
        this.textToImage = textToImage;
        this.fingerprint = fingerprint;
    }

    /**
     * Opens what {@code dihit eval retrieval --dataset} accepts: a manifest ({@code .csv} / {@code .jsonl}), a tar
     * shard ({@code .tar}), or a folder of tar shards (read in name order).
     */
    public static CaptionedImages open(Path path) throws IOException {
        return open(path, skip -> { });
    }

    /**
     * As {@link #open(Path)}; every manifest row or shard sample the reader skips also goes to {@code onSkip}, with
     * its file name as source and its line or ordinal.
     */
    public static CaptionedImages open(Path path, Consumer<Skip> onSkip) throws IOException {
        return of(CoreDatasets.open(path, onSkip));
    }

    /** Reads a manifest; bad rows are skipped and counted in {@link #sourceReports()} by the manifest reader. */
    public static CaptionedImages fromManifest(Path manifest) throws IOException {
        return of(ImageTextDataset.fromManifests(List.of(manifest)));
    }

    /** Scans tar shards (webdataset layout: {@code <key>.png} + {@code <key>.txt}); bad samples are counted. */
    public static CaptionedImages fromShards(List<Path> shards) throws IOException {
        return of(ImageTextDataset.fromShards(shards));
    }

    /** Groups the dataset's records by image. */
    public static CaptionedImages of(ImageTextDataset dataset) {
        if (dataset.size() == 0) {
            throw new UserError("the dataset has no usable image-caption rows (" + dataset.sourceReports() + ")");
        }
        Map<String, Integer> imageIndex = new LinkedHashMap<>();
        List<Integer> firstRecord = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        int[] link = new int[dataset.size()];
        for (int t = 0; t < dataset.size(); t++) {
            ImageTextRecord r = dataset.get(t);
            int record = t;
            link[t] = imageIndex.computeIfAbsent(r.image(), k -> {
                firstRecord.add(record);
                return firstRecord.size() - 1;
            });
            captions.add(r.caption());
        }
        return new CaptionedImages(dataset, firstRecord.stream().mapToInt(Integer::intValue).toArray(), captions, link,
                CoreDatasets.fingerprint(dataset, "captioned-images"));
    }

    @Override
    public int size() {
        return imageRecord.length;
    }

    /** The image reference (a file path, or {@code shard.tar#member}). */
    @Override
    public String id(int index) {
        return dataset.get(imageRecord[index]).image();
    }

    @Override
    public RgbImage image(int index) throws IOException {
        return ImageDecoder.decode(dataset.readImage(imageRecord[index]));
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

    /** How the manifests or shards were read (rows kept and skipped, by reason). */
    public List<DataReport> sourceReports() {
        return dataset.sourceReports();
    }
}
