/** Labelled and captioned image sets for evaluation (image folders, manifests, Fashion-MNIST) and dataset fingerprints. */
package io.dihit.eval.data;
