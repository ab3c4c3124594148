package io.dihit.eval.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 based fingerprints, shortened to 16 hex digits (64 bits: collisions are not a practical concern). */
public final class Fingerprints {
    private final MessageDigest digest;

    public Fingerprints() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public Fingerprints add(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        add(b.length);
        digest.update(b);
        return this;
    }

    public Fingerprints add(long v) {
        for (int i = 0; i < 8; i++) {
            digest.update((byte) (v >>> (8 * i)));
        }
        return this;
    }

    public Fingerprints add(byte[] bytes) {
        add(bytes.length);
        digest.update(bytes);
        return this;
    }

    public String hex() {
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }
}
