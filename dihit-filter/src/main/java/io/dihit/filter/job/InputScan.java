package io.dihit.filter.job;

import io.dihit.core.data.Manifests;
import io.dihit.core.data.TarShards;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A pre-pass over a job's inputs: the extra columns of the manifests (union in input order, for the
 * output header) and, when a progress bar is drawn, the exact number of records the job will read
 * (manifest records without the CSV header, shard samples), so the bar ends at 100 %.
 *
 * @param records      records to read, or 0 when not counted
 * @param extraColumns manifest columns beyond id, image, caption; empty where an input lacks one
 */
record InputScan(long records, List<String> extraColumns) {
    InputScan {
        extraColumns = List.copyOf(extraColumns);
    }

    static InputScan of(List<Path> inputs, boolean countRecords) throws IOException {
        long records = 0;
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        for (Path p : inputs) {
            if (ShardSource.isShard(p)) {
                records += countRecords ? TarShards.count(p) : 0; // reads headers only, seeking past data
            } else {
                Manifests.Scan scan = Manifests.scan(p);
                records += scan.records();
                columns.addAll(scan.extraColumns());
            }
        }
        return new InputScan(records, List.copyOf(columns));
    }
}
