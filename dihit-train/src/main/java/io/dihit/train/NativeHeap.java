package io.dihit.train;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns malloc's free pages to the operating system with glibc's {@code malloc_trim(0)}. libtorch
 * frees tensor buffers of many sizes every step; glibc keeps the freed pages inside its arenas, so
 * resident memory creeps up by fragmentation although nothing leaks. Trimming releases them (it
 * touches only free memory). Absent (a no-op) where there is no glibc, e.g. macOS, Windows, musl.
 */
final class NativeHeap {

    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);

    private interface GlibcMalloc extends Library {
        int malloc_trim(long pad);
    }

    private static final Optional<GlibcMalloc> GLIBC = load();

    private NativeHeap() {}

    private static Optional<GlibcMalloc> load() {
        try {
            return Optional.of(Native.load("c", GlibcMalloc.class));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("no glibc malloc_trim: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Whether glibc's malloc_trim was found (on glibc Linux it must be). */
    static boolean available() {
        return GLIBC.isPresent();
    }

    /** Releases free malloc memory; true when glibc did give memory back. */
    static boolean trim() {
        try {
            return GLIBC.map(c -> c.malloc_trim(0) != 0).orElse(false);
        } catch (UnsatisfiedLinkError e) { // libc without malloc_trim
            return false;
        }
    }
}
