package io.dihit.core.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Image references in records: either a file path, or a member of a tar shard written as
 * {@code path/to/shard.tar#member-name}. The {@code #} split applies only when the part before
 * it ends in {@code .tar}, so ordinary file names containing {@code #} stay file paths.
 */
public final class ImageRefs {
    private ImageRefs() {
    }

    /** A tar member reference. */
    public record TarMember(Path shard, String member) {
        @Override
        public String toString() {
            return shard + "#" + member;
        }
    }

    /** The shard member this reference names, if it is one. */
    public static Optional<TarMember> tarMember(String ref) {
        int hash = ref.indexOf(".tar#");
        if (hash < 0) {
            return Optional.empty();
        }
        int split = hash + 4;
        return Optional.of(new TarMember(Path.of(ref.substring(0, split)), ref.substring(split + 1)));
    }

    /** Resolves a reference read from a manifest against the manifest's folder. */
    public static String resolve(Path baseDir, String ref) {
        Optional<TarMember> tm = tarMember(ref);
        if (tm.isPresent()) {
            return baseDir.resolve(tm.get().shard()).normalize() + "#" + tm.get().member();
        }
        return baseDir.resolve(ref).normalize().toString();
    }

    /** Writes a reference relative to {@code baseDir} when both are absolute, so manifests stay movable. */
    public static String relativize(Path baseDir, String ref) {
        Optional<TarMember> tm = tarMember(ref);
        Path file = tm.map(TarMember::shard).orElse(Path.of(ref));
        if (!file.isAbsolute() || !baseDir.isAbsolute()) {
            return ref;
        }
        String rel = baseDir.normalize().relativize(file.normalize()).toString();
        return tm.isPresent() ? rel + "#" + tm.get().member() : rel;
    }
}
