package io.dihit.eval.data;

import io.dihit.core.image.ImageDecoder;
import io.dihit.core.image.RgbImage;
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
 * are the files with an image extension, sorted by path, found at any depth under a class directory.
 */
public final class ImageFolder implements LabeledImages {
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp");

    private final Path root;
    private final List<String> classNames;
    private final List<Path> files;
    private final int[] labels;
    private final String fingerprint;

    private ImageFolder(Path root, List<String> classNames, List<Path> files, int[] labels, String fingerprint) {
        this.root = root;
        this.classNames = List.copyOf(classNames);
        this.files = List.copyOf(files);
        this.labels = labels;
        this.fingerprint = fingerprint;
    }

    public static ImageFolder open(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("image folder " + root + " is not a directory");
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(root)) {
            classDirs = s.filter(Files::isDirectory).sorted().toList();
        }
        if (classDirs.isEmpty()) {
            throw new IOException(root + " has no class sub-directories");
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
                throw new IOException("class directory " + dir + " holds no images (" + EXTENSIONS + ")");
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
        return files.size();
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
        return root.relativize(files.get(index)).toString();
    }

    public Path path(int index) {
        return files.get(index);
    }

    @Override
    public RgbImage image(int index) throws IOException {
        return ImageDecoder.decode(files.get(index));
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }
}
