package io.dihit.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a text file into records at the byte level, before decoding, so that one row with bad
 * UTF-8 is reported and skipped instead of aborting the whole file (a decoding Reader would throw
 * mid-stream) or being silently replaced with U+FFFD. Splitting on bytes is safe because UTF-8
 * never uses ASCII bytes ({@code \n}, {@code "}) inside multi-byte sequences. In CSV mode a newline
 * inside a quoted field does not end the record.
 */
final class RawRecordReader {
    /** A record's bytes without its line terminator; {@code line} is where it starts (1-based). */
    record Raw(long line, byte[] bytes, boolean unterminatedQuote) {
    }

    /** A decoded record, or the reason decoding failed. */
    record Decoded(String text, String error) {
    }

    private final InputStream in;
    private final boolean csvQuotes;
    private long line = 1;
    private boolean first = true;

    RawRecordReader(InputStream in, boolean csvQuotes) {
        this.in = in;
        this.csvQuotes = csvQuotes;
    }

    /** The next record, or null at end of input. Blank records are returned (callers ignore them). */
    Raw next() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        long start = line;
        boolean inQuotes = false;
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                line++;
                if (!inQuotes) {
                    return finish(start, buf, false);
                }
            } else if (b == '"' && csvQuotes) {
                inQuotes = !inQuotes;
            }
            buf.write(b);
        }
        return any ? finish(start, buf, inQuotes) : null;
    }

    private Raw finish(long start, ByteArrayOutputStream buf, boolean unterminated) {
        byte[] bytes = buf.toByteArray();
        int from = 0;
        int to = bytes.length;
        if (first && to >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            from = 3; // UTF-8 byte order mark
        }
        first = false;
        if (to > from && bytes[to - 1] == '\r') {
            to--;
        }
        byte[] out = (from == 0 && to == bytes.length) ? bytes : java.util.Arrays.copyOfRange(bytes, from, to);
        return new Raw(start, out, unterminated);
    }

    /** Strict UTF-8 decoding: malformed or unmappable bytes are an error naming the byte offset. */
    static Decoded decodeUtf8(byte[] bytes) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            return new Decoded(null, "invalid UTF-8 at byte " + in.position() + " (0-based) of the row (0x"
                    + String.format("%02X", bytes[in.position()] & 0xff) + ")");
        }
        r = dec.flush(out);
        if (r.isError()) {
            return new Decoded(null, "invalid UTF-8 at end of the row");
        }
        out.flip();
        return new Decoded(out.toString(), null);
    }
}
