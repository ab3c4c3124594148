package io.dihit.core.text;

/**
 * GPT-2 / CLIP {@code bytes_to_unicode}: every byte gets a printable stand-in character so merges files
 * can be plain text. Token ids 0..255 are the bytes in the order of that table (printable Latin-1 first,
 * then the rest), ids 256..511 the same bytes with the end-of-word marker {@code </w>}.
 */
final class ByteLevel {
    static final String END_OF_WORD = "</w>";
    static final int BYTE_TOKENS = 256;
    /** First id after the byte and byte-with-end-of-word tokens, i.e. the id of merge 0. */
    static final int FIRST_MERGE_ID = 2 * BYTE_TOKENS;

    private static final char[] CHAR_OF_BYTE = new char[256];
    private static final int[] BYTE_OF_ORDER = new int[256];
    private static final int[] ORDER_OF_BYTE = new int[256];
    private static final int[] BYTE_OF_CHAR = new int[512];

    static {
        int order = 0;
        boolean[] printable = new boolean[256];
        for (int b = 0; b < 256; b++) {
            printable[b] = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        }
        for (int b = 0; b < 256; b++) {
            if (printable[b]) {
                CHAR_OF_BYTE[b] = (char) b;
                BYTE_OF_ORDER[order] = b;
                ORDER_OF_BYTE[b] = order++;
            }
        }
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable[b]) {
                CHAR_OF_BYTE[b] = (char) (256 + shifted++);
                BYTE_OF_ORDER[order] = b;
                ORDER_OF_BYTE[b] = order++;
            }
        }
        java.util.Arrays.fill(BYTE_OF_CHAR, -1);
        for (int b = 0; b < 256; b++) {
            BYTE_OF_CHAR[CHAR_OF_BYTE[b]] = b;
        }
    }

    private ByteLevel() {
    }

    /** Token id of a byte (0..255), plus 256 when it ends a word. */
    static int tokenOf(int unsignedByte, boolean endOfWord) {
        return ORDER_OF_BYTE[unsignedByte] + (endOfWord ? BYTE_TOKENS : 0);
    }

    /** The byte behind token id 0..511. */
    static int byteOfToken(int tokenId) {
        return BYTE_OF_ORDER[tokenId % BYTE_TOKENS];
    }

    static char charOf(int unsignedByte) {
        return CHAR_OF_BYTE[unsignedByte];
    }

    /** The byte a stand-in character represents, or -1 when the character is not a stand-in. */
    static int byteOfChar(char c) {
        return c < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[c] : -1;
    }

    /** Text form of a byte token as merges files spell it (stand-in char, plus {@code </w>} for ids >= 256). */
    static String textOfToken(int tokenId) {
        String s = String.valueOf(CHAR_OF_BYTE[byteOfToken(tokenId)]);
        return tokenId >= BYTE_TOKENS ? s + END_OF_WORD : s;
    }
}
