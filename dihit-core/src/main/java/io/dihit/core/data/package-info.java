/** Image-text records and how they are read without loss: CSV / JSON-lines manifests, webdataset tar shards, skip accounting ({@code DataReport}) and the batched, resumable loader. */
package io.dihit.core.data;
