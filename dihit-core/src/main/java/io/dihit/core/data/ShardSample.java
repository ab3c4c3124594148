package io.dihit.core.data;

import java.nio.file.Path;

/**
 * A complete sample of a tar shard.
 *
 * @param key         webdataset key (member name up to the first dot of its file name)
 * @param imageMember the image member's name, e.g. {@code 000123.png}
 * @param imageOffset byte offset of the image data in the shard
 * @param imageSize   image size in bytes
 * @param image       the image bytes, or null when the shard was scanned without loading images
 * @param caption     the caption (UTF-8, surrounding whitespace removed)
 * @param ordinal     1-based position among all samples of the shard, kept or skipped (one per sample)
 */
public record ShardSample(String key, String imageMember, long imageOffset, long imageSize, byte[] image, String caption,
                          long ordinal) {
    /** As a record whose image is the reference {@code shard#member}. */
    public ImageTextRecord record(Path shard) {
        return new ImageTextRecord(key, shard + "#" + imageMember, caption);
    }
}
