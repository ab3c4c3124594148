/** Turning images and captions into embeddings with a frozen CLIP, batch by batch, and caching them in feature files. */
package io.dihit.eval.embed;
