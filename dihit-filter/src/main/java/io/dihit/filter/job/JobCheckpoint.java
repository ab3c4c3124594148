package io.dihit.filter.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a filter job stands: every row up to ({@link #input}, {@link #position}) is accounted for in
 * the outputs, whose byte lengths at that moment are {@link #fileSizes}. Written atomically (temp
 * file + rename) after the outputs are flushed, so after a kill the outputs are cut back to these
 * lengths and the job goes on from the next row: nothing duplicated, nothing lost.
 */
final class JobCheckpoint {
    static final int FORMAT = 2; // 2: shard positions are sample ordinals (1: byte offsets)
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public int format = FORMAT;
    /** The job's identity: inputs, rule and output format must match to resume. */
    public List<String> inputs;
    public String rule;
    public String outputFormat;
    /** Index of the input being read; inputs before it are done. */
    public int input;
    /** Last position of {@link #input} that is done; -1 when none. */
    public long position = -1;
    public Map<String, Long> fileSizes = new TreeMap<>();
    public JobCounters counters = new JobCounters();
    public boolean complete;

    boolean covers(int rowInput, long rowPosition) {
        return rowInput < input || (rowInput == input && rowPosition <= position);
    }

    void save(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static JobCheckpoint load(Path file) throws IOException {
        JobCheckpoint c = JSON.readValue(file.toFile(), JobCheckpoint.class);
        if (c.format != FORMAT) {
            throw new IOException(file + ": checkpoint format " + c.format + ", expected " + FORMAT);
        }
        return c;
    }
}
