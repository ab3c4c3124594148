package io.dihit.core.image;

import java.io.IOException;

/** The bytes are not a decodable image (unknown format, truncated, corrupt). */
public class ImageDecodeException extends IOException {
    public ImageDecodeException(String message) {
        super(message);
    }

    public ImageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
