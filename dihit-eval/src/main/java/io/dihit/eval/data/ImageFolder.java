package io.dihit.eval.data;

import io.dihit.core.data.ImageTextDataset;
import io.dihit.core.data.ImageTextRecord;
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
 * Reads a classification dataset laid out as {@code root/<class>/<image>} (torchvision ImageFolder style) into a
 * {@link LabeledDataset}. Classes are the sub-directory names in sorted order, shown in prompts with '_' and '-'
 * turned into spaces; images are the files with an image extension, sorted by path, found at any depth under a
 * class directory, with their path below the root as id.
 */
final class ImageFolder {
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp");

    private ImageFolder() {}

    public static LabeledDataset open(Path root) throws IOException {
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
        List<ImageTextRecord> records = new ArrayList<>();
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
                records.add(new ImageTextRecord(root.relativize(p).toString(), p.toString(), names.get(c)));
                fp.add(root.relativize(p).toString()).add(c).add(Files.size(p)).add(Files.getLastModifiedTime(p).toMillis());
            }
        }
        return LabeledDataset.of(ImageTextDataset.of(records), names, fp.hex());
    }

    static String promptName(String dirName) {
        return dirName.replace('_', ' ').replace('-', ' ').strip();
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
