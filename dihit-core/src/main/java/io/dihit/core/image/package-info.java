/** Image decoding (alpha on white, size guard) and the CLIP transforms: Pillow-exact bicubic resize, centre and random-resized crops, channel normalisation. */
package io.dihit.core.image;
