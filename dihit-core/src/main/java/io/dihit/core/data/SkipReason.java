package io.dihit.core.data;

/** Why a row, shard member or sample was dropped. Every drop is counted under one of these. */
public enum SkipReason {
    /** A manifest row lacks a required column (fewer fields than the header, or a JSON key missing). */
    MISSING_COLUMN,
    /** id or image is empty. */
    EMPTY_FIELD,
    /** The caption is empty or only whitespace. */
    EMPTY_CAPTION,
    /** The row or caption bytes are not valid UTF-8. */
    BAD_UTF8,
    /** The row is not parseable (CSV syntax, JSON syntax, too many fields, not a JSON object). */
    MALFORMED_ROW,
    /** The image file does not exist. */
    MISSING_FILE,
    /** The image bytes could not be decoded. */
    UNREADABLE_IMAGE,
    /** A shard sample has a caption but no image member. */
    MISSING_IMAGE,
    /** A shard sample has an image but no caption member. */
    MISSING_CAPTION,
    /** A shard ends in the middle of a member; that member and its sample are lost. */
    TRUNCATED_SHARD,
    /**
     * A tar header is corrupt (bad checksum): reading resumed at the next valid header; the sample
     * that lost a member is skipped under this reason.
     */
    CORRUPT_SHARD,
    /** The caption encoder (tokenizer) refused the caption. */
    CAPTION_ENCODING_FAILED,
    /** Any other I/O failure while reading a sample. */
    IO_ERROR
}
