package io.dihit.core.data;

/**
 * One dropped row or sample.
 *
 * @param where  1-based line of a manifest row, member index in a shard, or epoch position in the loader
 * @param id     the sample id when known, else empty
 * @param reason category, counted
 * @param detail human-readable cause
 */
public record Skip(long where, String id, SkipReason reason, String detail) {
    @Override
    public String toString() {
        return "#" + where + (id.isEmpty() ? "" : " (" + id + ")") + ": " + reason + ": " + detail;
    }
}
