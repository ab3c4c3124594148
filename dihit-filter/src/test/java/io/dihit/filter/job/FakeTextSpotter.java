package io.dihit.filter.job;

import io.dihit.filter.spotting.SpottedWord;
import io.dihit.filter.spotting.TextSpotter;
import java.awt.image.BufferedImage;
import java.util.List;

/** "Reads" SALE in any image whose top-left pixel is pure red, nothing elsewhere. */
final class FakeTextSpotter implements TextSpotter {
    static final int RED = 0xFF0000;

    @Override
    public List<SpottedWord> spot(BufferedImage image) {
        return (image.getRGB(0, 0) & 0xFFFFFF) == RED ? List.of(new SpottedWord("SALE", 0.95)) : List.of();
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public void close() {
    }
}
