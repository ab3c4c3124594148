package io.dihit.eval.data;

import io.dihit.core.data.DataReport;
import io.dihit.core.data.ImageTextDataset;
import io.dihit.core.data.ImageTextRecord;
import io.dihit.core.data.Skip;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.RgbImage;
import io.dihit.core.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A classification dataset over a core {@link ImageTextDataset}: each record's caption is its class name. Read
 * from an image folder ({@code root/<class>/<image>}, see {@link ImageFolder}), a manifest ({@code .csv} /
 * {@code .jsonl} rows {@code id,image,class}), a tar shard or a folder of tar shards ({@code key.png} +
 * {@code key.txt} holding the class). Ids are the records' ids (an image folder's: the path below its root).
 */
public final class LabeledDataset implements LabeledImages {
    private final ImageTextDataset dataset;
    private final List<String> classNames;
    private final int[] labels;
    private final String fingerprint;

    private LabeledDataset(ImageTextDataset dataset, List<String> classNames, int[] labels, String fingerprint) {
        this.dataset = dataset;
        this.classNames = List.copyOf(classNames);
        this.labels = labels;
        this.fingerprint = fingerprint;
    }

    /** An image folder, a manifest, a tar shard, or a folder of tar shards (a folder holding {@code .tar} files). */
    public static LabeledDataset open(Path path) throws IOException {
        return open(path, skip -> { });
    }

    /**
     * As {@link #open(Path)}; every manifest row or shard sample the reader skips (bad row, empty caption, sample
     * without caption...) also goes to {@code onSkip}, with its file name as source and its line or ordinal.
     */
    public static LabeledDataset open(Path path, Consumer<Skip> onSkip) throws IOException {
        if (Files.isDirectory(path) && CoreDatasets.shardsIn(path).isEmpty()) {
            return ImageFolder.open(path);
        }
        return byCaption(CoreDatasets.open(path, onSkip));
    }

    /** Classes are the distinct captions in sorted order. */
    public static LabeledDataset byCaption(ImageTextDataset dataset) {
        TreeSet<String> names = new TreeSet<>();
        dataset.records().forEach(r -> names.add(r.caption()));
        return of(dataset, List.copyOf(names), CoreDatasets.fingerprint(dataset, "labeled-by-caption"));
    }

    /** Over records whose captions are all among {@code classNames}; label = position of the caption there. */
    static LabeledDataset of(ImageTextDataset dataset, List<String> classNames, String fingerprint) {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            if (index.put(classNames.get(c), c) != null) {
                throw new UserError("two classes are named '" + classNames.get(c) + "' (folder names differing only in"
                        + " '_', '-' or surrounding spaces?)");
            }
        }
        int[] labels = new int[dataset.size()];
        for (int i = 0; i < labels.length; i++) {
            ImageTextRecord r = dataset.get(i);
            Integer label = index.get(r.caption());
            if (label == null) {
                throw new IllegalArgumentException("record " + r.id() + ": class '" + r.caption() + "' not in " + classNames);
            }
            labels[i] = label;
        }
        return new LabeledDataset(dataset, classNames, labels, fingerprint);
    }

    @Override
    public int size() {
        return dataset.size();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public String id(int index) {
        return dataset.get(index).id();
    }

    @Override
    public RgbImage image(int index) throws IOException {
        return ImageDecoder.decode(dataset.readImage(index));
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    /** The records (id, image reference, class name) and their reading. */
    public ImageTextDataset dataset() {
        return dataset;
    }

    /** How manifests or shards were read (rows kept and skipped, by reason); empty for an image folder. */
    public List<DataReport> sourceReports() {
        return dataset.sourceReports();
    }
}
