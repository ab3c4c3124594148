/** The offline emoji and Fashion-MNIST data of the demo: catalogue, captions, manifests. */
package io.dihit.examples.data;
