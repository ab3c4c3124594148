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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a text file into records at the byte level, before decoding, so that one row with bad
 * UTF-8 is reported and skipped instead of aborting the whole file (a decoding Reader would throw
 * mid-stream) or being silently replaced with U+FFFD. Splitting on bytes is safe because UTF-8
 * never uses ASCII bytes ({@code \n}, {@code ,}, {@code "}) inside multi-byte sequences.
 *
 * <p>CSV mode splits records into fields as web dumps are written (and as Python's {@code csv}
 * reads them): a field is quoted only when it STARTS with {@code "}; inside it {@code ""} is a
 * quote and a newline does not end the record. A {@code "} anywhere else (an inch mark,
 * {@code 12" pizza}) is data. Text after a closing quote is appended to the field, as Python does.
 * A record that spans lines but is not well formed (the quote never closes, text follows a closing
 * quote, or a quoted field exceeds {@value #MAX_QUOTED_BYTES} bytes) is returned as {@link Status#MALFORMED};
 * the caller then calls {@link #resyncAfterFirstLine} so that it costs only its first line.
 */
final class RawRecordReader {
    /** A quoted field longer than this is taken as a quote that never closes. */
    static final int MAX_QUOTED_BYTES = 1 << 20;

    /** OK, or MALFORMED: the caller skips the record and calls {@link #resyncAfterFirstLine}. */
    enum Status { OK, MALFORMED }

    /**
     * A record: where it starts (1-based line), its bytes without the line terminator, its CSV
     * fields (raw bytes, quotes removed; null in line mode), and whether it spans several lines.
     */
    record Raw(long line, byte[] bytes, List<byte[]> fields, Status status, String problem, boolean multiLine) {
    }

    /** A decoded record, or the reason decoding failed. */
    record Decoded(String text, String error) {
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final InputStream in;
    private final boolean csv;
    private long line = 1;
    private boolean first = true;
    private byte[] replay = new byte[0];
    private int replayAt;

    RawRecordReader(InputStream in, boolean csv) {
        this.in = in;
        this.csv = csv;
    }

    private int read() throws IOException {
        if (replayAt < replay.length) {
            return replay[replayAt++] & 0xff;
        }
        return in.read();
    }

    /** The next record, or null at end of input. Blank records are returned (callers ignore them). */
    Raw next() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream(256);
        ByteArrayOutputStream field = new ByteArrayOutputStream(64);
        List<byte[]> fields = csv ? new ArrayList<>() : null;
        long start = line;
        State state = State.FIELD_START;
        boolean any = false;
        boolean crLast = false; // last byte was a \r outside quotes (dropped if a \n follows)
        boolean multiLine = false;
        String problem = null;
        int quotedBytes = 0;
        int b;
        while ((b = read()) >= 0) {
            any = true;
            if (first) {
                first = false;
                if (b == 0xEF && skipBom()) {
                    continue;
                }
            }
            if (b == '\n') {
                line++;
                if (state != State.QUOTED) {
                    return finish(start, all, fields, field, crLast, problem, multiLine, false);
                }
                multiLine = true;
            }
            all.write(b);
            if (!csv) {
                crLast = b == '\r';
                field.write(b);
                continue;
            }
            boolean cr = false;
            switch (state) {
                case FIELD_START, UNQUOTED -> {
                    if (b == ',') {
                        fields.add(field.toByteArray());
                        field.reset();
                        state = State.FIELD_START;
                    } else if (b == '"' && state == State.FIELD_START) {
                        state = State.QUOTED;
                        quotedBytes = 0;
                    } else {
                        field.write(b);
                        cr = b == '\r';
                        state = State.UNQUOTED;
                    }
                }
                case QUOTED -> {
                    if (b == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else {
                        field.write(b);
                        if (++quotedBytes > MAX_QUOTED_BYTES) {
                            return finish(start, all, fields, field, false,
                                    "quoted field longer than " + MAX_QUOTED_BYTES + " bytes (quote not closed)", multiLine, true);
                        }
                    }
                }
                case QUOTE_IN_QUOTED -> {
                    if (b == '"') {
                        field.write('"');
                        state = State.QUOTED;
                    } else if (b == ',') {
                        fields.add(field.toByteArray());
                        field.reset();
                        state = State.FIELD_START;
                    } else {
                        if (b == '\r') {
                            cr = true;
                        } else if (problem == null) {
                            problem = "text after a closing quote";
                        }
                        field.write(b);
                        state = State.UNQUOTED;
                    }
                }
            }
            crLast = cr;
        }
        if (!any) {
            return null;
        }
        if (state == State.QUOTED) {
            return finish(start, all, fields, field, false, "quoted field not closed before end of file", multiLine, true);
        }
        return finish(start, all, fields, field, crLast, problem, multiLine, false);
    }

    /** After a 0xEF first byte: consumes the rest of a UTF-8 byte order mark, or replays what was read. */
    private boolean skipBom() throws IOException {
        int b1 = read();
        int b2 = b1 == 0xBB ? read() : -1;
        if (b1 == 0xBB && b2 == 0xBF) {
            return true;
        }
        byte[] back = b1 < 0 ? new byte[] {(byte) 0xEF} : b2 < 0 || b1 != 0xBB ? new byte[] {(byte) 0xEF, (byte) b1}
                : new byte[] {(byte) 0xEF, (byte) b1, (byte) b2};
        pushBack(Arrays.copyOfRange(back, 1, back.length));
        return false; // the 0xEF itself is processed by the caller
    }

    /**
     * @param problem      what is wrong with the record, or null
     * @param unterminated the record ended inside a quoted field (end of file or size cap)
     */
    private Raw finish(long start, ByteArrayOutputStream all, List<byte[]> fields, ByteArrayOutputStream field,
                       boolean crLast, String problem, boolean multiLine, boolean unterminated) {
        byte[] bytes = all.toByteArray();
        byte[] last = field.toByteArray();
        if (crLast) {
            bytes = Arrays.copyOf(bytes, bytes.length - 1);
            last = Arrays.copyOf(last, last.length - 1);
        }
        if (fields != null) {
            fields.add(last);
        }
        // Text after a closing quote on a single line is lenient data (as in Python's csv); across lines it
        // means the quote was a stray one that swallowed the following rows.
        boolean malformed = csv && (unterminated || (multiLine && problem != null));
        return new Raw(start, bytes, fields, malformed ? Status.MALFORMED : Status.OK, problem, multiLine);
    }

    /**
     * Re-reads everything after the first line of {@code r} (the record just returned), so that a
     * malformed record spanning lines costs only its first line.
     */
    void resyncAfterFirstLine(Raw r) {
        byte[] b = r.bytes();
        int nl = 0;
        while (nl < b.length && b[nl] != '\n') {
            nl++;
        }
        if (nl >= b.length) {
            return;
        }
        byte[] tail = Arrays.copyOfRange(b, nl + 1, b.length);
        // The terminator of the record (if any) was consumed too: give it back so lines stay aligned.
        boolean terminated = line > r.line() + countNewlines(b);
        if (terminated) {
            tail = Arrays.copyOf(tail, tail.length + 1);
            tail[tail.length - 1] = '\n';
        }
        pushBack(tail);
        line = r.line() + 1;
    }

    private static long countNewlines(byte[] b) {
        long n = 0;
        for (byte x : b) {
            if (x == '\n') {
                n++;
            }
        }
        return n;
    }

    private void pushBack(byte[] bytes) {
        byte[] rest = Arrays.copyOfRange(replay, replayAt, replay.length);
        byte[] merged = Arrays.copyOf(bytes, bytes.length + rest.length);
        System.arraycopy(rest, 0, merged, bytes.length, rest.length);
        replay = merged;
        replayAt = 0;
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
