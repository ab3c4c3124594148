package io.dihit.filter.job;

import io.dihit.filter.spotting.SpottedWord;
import io.dihit.filter.spotting.TextSpotter;
import java.awt.image.BufferedImage;
import java.util.List;

/** Test OCR engine, created by class name on executors: reads SALE where the top-left pixel is red. */
public final class RedCornerSpotter implements TextSpotter {
    @Override
    public List<SpottedWord> spot(BufferedImage image) {
        return (image.getRGB(0, 0) & 0xFFFFFF) == 0xFF0000 ? List.of(new SpottedWord("SALE", 0.9)) : List.of();
    }

    @Override
    public void close() {
    }
}
