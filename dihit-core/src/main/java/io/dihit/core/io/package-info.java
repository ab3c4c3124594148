/** Checkpoint files: the restricted (non-executing) pickle reader for {@code torch.save} zips, safetensors read/write, strict state-dict loading, and the provenance record written beside every output. */
package io.dihit.core.io;
