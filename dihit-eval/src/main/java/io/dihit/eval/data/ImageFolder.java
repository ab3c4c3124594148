package io.dihit.eval.data;

import io.dihit.core.data.ImageTextDataset;
import io.dihit.core.data.ImageTextRecord;
import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.RgbImage;
import io.dihit.core.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A classification dataset laid out as {@code root/<class>/<image>} (torchvision ImageFolder style). Classes
 * are the sub-directory names in sorted order, shown in prompts with '_' and '-' turned into spaces; images
 * are the files with an image extension, sorted by path, found at any depth under a class directory. Images
 * are read through core's {@link ImageTextDataset}, as manifests and tar shards are.
 */
public final class ImageFolder implements LabeledImages {
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp");

    private final List<String> classNames;
    private final ImageTextDataset images;
    private final int[] labels;
    private final String fingerprint;

    private ImageFolder(Path root, List<String> classNames, List<Path> files, int[] labels, String fingerprint) {
        this.classNames = List.copyOf(classNames);
        List<ImageTextRecord> records = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            records.add(new ImageTextRecord(root.relativize(files.get(i)).toString(), files.get(i).toString(),
                    this.classNames.get(labels[i])));
        }
        this.images = ImageTextDataset.of(records);
        this.labels = labels;
        this.fingerprint = fingerprint;
    }

    public static ImageFolder open(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new UserError("image folder " + root + (Files.exists(root) ? " is not a directory" : " not found"));
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(root)) {
            classDirs = s.filter(Files::isDirectory).sorted().toList();
        }
        if (classDirs.isEmpty()) {
            throw new UserError(root + " has no class sub-folders (expected " + root + "/<class>/<image>)");
        }
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        Fingerprints fp = new Fingerprints().add("image-folder");
        for (int c = 0; c < classDirs.size(); c++) {
            Path dir = classDirs.get(c);
            names.add(promptName(dir.getFileName().toString()));
            List<Path> images;
            try (Stream<Path> s = Files.walk(dir)) {
                images = s.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted().toList();
            }
            if (images.isEmpty()) {
                throw new UserError("class folder " + dir + " holds no images (" + EXTENSIONS + ")");
            }
            for (Path p : images) {
                files.add(p);
                labels.add(c);
                fp.add(root.relativize(p).toString()).add(c).add(Files.size(p)).add(Files.getLastModifiedTime(p).toMillis());
            }
        }
        return new ImageFolder(root, names, files, labels.stream().mapToInt(Integer::intValue).toArray(), fp.hex());
    }

    static String promptName(String dirName) {
        return dirName.replace('_', ' ').replace('-', ' ').strip();
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    /** The image's path relative to the root. */
    @Override
    public String id(int index) {
        return images.get(index).id();
    }

    public Path path(int index) {
        return Path.of(images.get(index).image());
    }

    @Override
    public RgbImage image(int index) throws IOException {
        return ImageDecoder.decode(images.readImage(index));
    }

    /** The folder as core image-text records: id = relative path, image = file, caption = class name. */
    public ImageTextDataset dataset() {
        return images;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }
}
