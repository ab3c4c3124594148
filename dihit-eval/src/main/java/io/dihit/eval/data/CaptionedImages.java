package io.dihit.eval.data;

import io.dihit.core.data.DataReport;
import io.dihit.core.data.ImageRefs;
import io.dihit.core.data.ImageTextDataset;
import io.dihit.core.data.ImageTextRecord;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.RgbImage;
import io.dihit.core.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (Files.isDirectory(path)) {
            List<Path> shards;
            try (Stream<Path> s = Files.list(path)) {
                shards = s.filter(p -> p.getFileName().toString().endsWith(".tar")).sorted().toList();
            }
            if (shards.isEmpty()) {
                throw new UserError("retrieval dataset " + path + " is a folder without .tar shards");
            }
            return fromShards(shards);
        }
        if (!Files.isRegularFile(path)) {
            throw new UserError("retrieval dataset " + path + ": not found");
        }
        return name.endsWith(".tar") ? fromShards(List.of(path)) : fromManifest(path); // the manifest reader names its formats
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
        Fingerprints fp = new Fingerprints().add("captioned-images");
        for (int t = 0; t < dataset.size(); t++) {
            ImageTextRecord r = dataset.get(t);
            int record = t;
            link[t] = imageIndex.computeIfAbsent(r.image(), k -> {
                firstRecord.add(record);
                return firstRecord.size() - 1;
            });
            captions.add(r.caption());
            fp.add(r.image()).add(r.caption());
        }
        for (String image : imageIndex.keySet()) {
            Path file = ImageRefs.tarMember(image).map(ImageRefs.TarMember::shard).orElse(Path.of(image));
            try {
                fp.add(Files.size(file)).add(Files.getLastModifiedTime(file).toMillis());
            } catch (IOException e) {
                fp.add(-1); // a missing file becomes a counted skip when the image is read
            }
        }
        return new CaptionedImages(dataset, firstRecord.stream().mapToInt(Integer::intValue).toArray(), captions, link,
                fp.hex());
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
