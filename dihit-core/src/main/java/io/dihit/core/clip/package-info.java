/**
 * The user-facing CLIP: {@link io.dihit.core.clip.Clip} loads a model with its preprocessing and tokenizer, encodes
 * images and texts to normalised embeddings and classifies zero-shot; DJL Translators serve the same through a
 * {@code Predictor}.
 */
package io.dihit.core.clip;
