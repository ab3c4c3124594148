/** Labelled and captioned image sets for evaluation (image folders, manifests, tar shards, Fashion-MNIST) and dataset fingerprints. */
package io.dihit.eval.data;
