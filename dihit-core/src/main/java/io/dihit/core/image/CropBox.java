package io.dihit.core.image;

/** A rectangle inside an image: top-left corner (left, top) and size. */
record CropBox(int left, int top, int width, int height) {
    public CropBox {
        if (left < 0 || top < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad crop box " + left + "," + top + " " + width + "x" + height);
        }
    }
}
