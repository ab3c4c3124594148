package io.dihit.core.data;

import java.util.Objects;

/**
 * One image-caption pair.
 *
 * @param id      unique sample id (manifest id or shard key)
 * @param image   image reference: a file path (manifests resolve it against the manifest's folder)
 *                or a tar member reference {@code shard.tar#member} (see {@link ImageRefs})
 * @param caption the caption, exactly as stored
 */
public record ImageTextRecord(String id, String image, String caption) {
    public ImageTextRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(caption, "caption");
    }
}
