package io.dihit.core.io;

import java.io.IOException;

/** A checkpoint file is corrupt, truncated, or uses something the safe readers refuse; the message says what. */
public class CheckpointFormatException extends IOException {
    CheckpointFormatException(String message) {
        super(message);
    }

    CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
