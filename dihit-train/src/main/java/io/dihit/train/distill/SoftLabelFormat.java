package io.dihit.train.distill;

import java.nio.charset.StandardCharsets;

/**
 * Layout of the soft-label sidecar file (little-endian, every section 8-byte aligned so that no
 * number straddles a memory-map chunk):
 * <pre>
 * header  64 bytes: magic "DIHTSOFT", int version, int numConcepts, int topK, float temperature,
 *                   long count, long indexOffset, long labelsOffset, long idsOffset, 8 bytes padding
 * index   count x 24 bytes, sorted by (idHash, ordinal): long idHash, long idOffset (within ids),
 *                   int idLength, int ordinal
 * labels  count x topK x 8 bytes, by ordinal: topK int concepts, then topK float probabilities
 *                   (a sample with fewer concepts than topK is padded with concept -1, probability 0)
 * ids     UTF-8 bytes of all sample ids
 * </pre>
 */
final class SoftLabelFormat {

    static final byte[] MAGIC = "DIHTSOFT".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = 64;
    static final int INDEX_ENTRY_BYTES = 24;

    private SoftLabelFormat() {}

    static long labelBytes(int topK) {
        return 8L * topK;
    }

    /** 64-bit FNV-1a of the id's UTF-8 bytes. */
    static long hash(byte[] utf8) {
        long h = 0xcbf29ce484222325L;
        for (byte b : utf8) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    static long align8(long offset) {
        return (offset + 7) & ~7L;
    }
}
