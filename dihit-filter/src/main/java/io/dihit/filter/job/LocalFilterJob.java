package io.dihit.filter.job;

import io.dihit.core.data.ManifestReader;
import io.dihit.core.data.Manifests;
import io.dihit.core.util.ProgressBar;
import io.dihit.core.util.UserError;
import io.dihit.filter.CatRule;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming CAT filter on one machine: reads manifests and tar shards in order, scores rows on a thread pool
 * with at most {@code maxInFlight} rows in memory, and writes, in input order, the kept and rejected
 * manifests (with the input's extra columns passed through and every score; rejected rows carry the
 * reason), {@code failed.jsonl} (input, position, id, reason, error of every row that could not be
 * read or scored, with no cap) and {@code summary.json}. Every physical record read ends in exactly
 * one of the three files.
 *
 * <p>Resumable: a {@link JobCheckpoint} is taken every {@code checkpointEvery} rows (and every 10 s);
 * running the same job again on the same output folder cuts the outputs back to the checkpoint and
 * continues after it, so a killed run finishes without duplicating or losing rows.
 */
public final class LocalFilterJob {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFilterJob.class);
    private static final long CHECKPOINT_NANOS = 10_000_000_000L;

    private final FilterJobConfig config;
    private final SampleProcessor processor;

    public LocalFilterJob(FilterJobConfig config, SampleProcessor processor) {
        this.config = Objects.requireNonNull(config, "config");
        this.processor = Objects.requireNonNull(processor, "processor");
    }

    public Path keptFile() {
        return FilterOutputs.keptFile(config);
    }

    public Path rejectedFile() {
        return FilterOutputs.rejectedFile(config);
    }

    public Path failedFile() {
        return FilterOutputs.failedFile(config);
    }

    public Path summaryFile() {
        return FilterSummary.file(config);
    }

    public Path checkpointFile() {
        return config.outputDir().resolve("checkpoint.json");
    }

    /**
     * Checks, before anything expensive (models) is loaded, that the inputs exist (with a usable CSV
     * header) and that the output folder can take this job: it is not a file and holds no checkpoint
     * of a different job.
     *
     * @throws UserError naming what is wrong and how to fix it
     */
    public static void checkCanRun(FilterJobConfig config, CatRule rule) {
        for (Path p : config.inputs()) {
            if (!Files.isRegularFile(p)) {
                throw new UserError("input " + p + (Files.isDirectory(p) ? " is a folder; give manifest or .tar files" : " does not exist"));
            }
            if (!ShardSource.isShard(p)) {
                try (ManifestReader header = Manifests.read(p)) { // reads a CSV header, nothing more
                    header.format();
                } catch (IOException e) {
                    throw new UserError(e.getMessage(), e);
                }
            }
        }
        Path out = config.outputDir();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError("output " + out + " is a file, not a folder; give a folder (it is created if missing)");
        }
        Path checkpointFile = out.resolve("checkpoint.json");
        if (Files.exists(checkpointFile)) {
            JobCheckpoint c;
            try {
                c = JobCheckpoint.load(checkpointFile);
            } catch (IOException e) {
                throw new UserError(out + " holds an unreadable checkpoint (" + e.getMessage() + "); use another output folder", e);
            }
            if (!c.inputs.equals(absolute(config.inputs())) || !c.rule.equals(rule.describe()) || !c.outputFormat.equals(config.outputFormat())) {
                throw new UserError(out + " holds a checkpoint of a different job (inputs " + c.inputs + ", rule " + c.rule
                        + ", format " + c.outputFormat + "); use another output folder");
            }
        }
    }

    private static List<String> absolute(List<Path> inputs) {
        return inputs.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
    }

    /** Runs (or resumes) the job to the end and returns the final counters. */
    public JobCounters run() throws IOException, InterruptedException {
        checkCanRun(config, processor.rule());
        Files.createDirectories(config.outputDir());
        long startNanos = System.nanoTime();
        JobCheckpoint checkpoint = startOrResume();
        if (checkpoint.complete) {
            LOG.info("job in {} is already complete; nothing to do", config.outputDir());
            return checkpoint.counters;
        }
        long doneBefore = checkpoint.counters.read;
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "cat-filter");
            t.setDaemon(true);
            return t;
        });
        InputScan scan = InputScan.of(config.inputs(), config.progress());
        boolean resume = !checkpoint.fileSizes.isEmpty();
        try (FilterOutputs out = new FilterOutputs(config, scan.extraColumns(), resume)) {
            if (!resume) {
                checkpoint(out, checkpoint);
            }
            ProgressBar progress = config.progress() ? new ProgressBar(System.err, "[filter] rows", scan.records()).resumedAt(doneBefore) : null;
            SeenIds seen = new SeenIds();
            for (int i = 0; i < checkpoint.input; i++) {
                registerIds(i, seen); // finished inputs: their ids still make later rows duplicates
            }
            for (int i = checkpoint.input; i < config.inputs().size(); i++) {
                processInput(i, checkpoint, out, pool, progress, seen);
                checkpoint.input = i + 1;
                checkpoint.position = -1;
                checkpoint(out, checkpoint);
            }
            checkpoint.complete = true;
            checkpoint(out, checkpoint);
            if (progress != null) {
                showProgress(progress, checkpoint.counters);
                progress.finish();
            }
        } finally {
            pool.shutdownNow();
        }
        JobCounters c = checkpoint.counters;
        FilterSummary.write(config, processor.info(), c, Map.of("threads", config.threads()),
                (System.nanoTime() - startNanos) / 1e9, c.read - doneBefore);
        LOG.info("filter done: read {}, kept {}, rejected {}, failed {}", c.read, c.kept, c.rejected, c.failed);
        return c;
    }

    private SampleSource open(int input, boolean loadImages) throws IOException {
        return SampleSource.open(input, config.inputs().get(input), loadImages);
    }

    /** Adds the ids of an input's readable rows to {@code seen}, as processing it would. */
    private void registerIds(int input, SeenIds seen) throws IOException {
        try (SampleSource source = open(input, false)) {
            for (SourceRow row; (row = source.next()) != null; ) {
                seen.add(row.record().id());
            }
        }
    }

    private void processInput(int input, JobCheckpoint checkpoint, FilterOutputs out, ExecutorService pool,
                              ProgressBar progress, SeenIds seen) throws IOException, InterruptedException {
        // Window entries: futures of rows (checkpoint allowed after them) or ready source failures.
        // Duplicates are counted when written, so the checkpointed count never includes rows read ahead.
        record Pending(Future<RowOutcome> future, RowOutcome ready, boolean duplicate) {
            RowOutcome get() throws InterruptedException {
                if (ready != null) {
                    return ready;
                }
                try {
                    return future.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("row processing threw", e.getCause());
                }
            }
        }
        Deque<Pending> window = new ArrayDeque<>();
        long sinceCheckpoint = 0;
        long lastCheckpoint = System.nanoTime();
        try (SampleSource source = open(input, processor.needsImages())) {
            boolean exhausted = false;
            while (true) {
                while (!exhausted && window.size() < config.maxInFlight()) {
                    SourceRow row = source.next();
                    for (SourceFailure f : source.drainFailures()) {
                        if (!checkpoint.covers(f.input(), f.position())) {
                            window.add(new Pending(null, new RowOutcome.Failed(f), false));
                        }
                    }
                    if (row == null) {
                        exhausted = true;
                        continue;
                    }
                    boolean duplicate = !seen.add(row.record().id());
                    if (checkpoint.covers(row.input(), row.position())) {
                        continue;
                    }
                    if (duplicate && config.duplicateIds() == DuplicateIds.KEEP_FIRST) {
                        window.add(new Pending(null, new RowOutcome.Failed(SourceFailure.duplicateId(input, row.position(),
                                row.record().id())), true));
                    } else {
                        window.add(new Pending(pool.submit(() -> processor.process(row)), null, duplicate));
                    }
                }
                Pending next = window.poll();
                if (next == null) {
                    checkpoint.counters.tarMembersLost += source.membersLost();
                    return;
                }
                RowOutcome outcome = next.get();
                out.write(outcome);
                checkpoint.counters.add(outcome, next.duplicate());
                // Failures placed by the reader may sit between rows; rows and duplicates end at their own position.
                boolean rowBoundary = next.ready() == null || next.duplicate();
                if (rowBoundary) {
                    checkpoint.position = positionOf(outcome);
                    sinceCheckpoint++;
                    if (sinceCheckpoint >= config.checkpointEvery() || System.nanoTime() - lastCheckpoint > CHECKPOINT_NANOS) {
                        checkpoint(out, checkpoint);
                        sinceCheckpoint = 0;
                        lastCheckpoint = System.nanoTime();
                    }
                }
                if (progress != null) {
                    showProgress(progress, checkpoint.counters);
                }
            }
        }
    }

    private static long positionOf(RowOutcome o) {
        return o instanceof RowOutcome.Scored s ? s.row().position() : ((RowOutcome.Failed) o).failure().position();
    }

    private JobCheckpoint startOrResume() throws IOException {
        Path file = checkpointFile();
        List<String> inputs = absolute(config.inputs());
        if (Files.exists(file)) {
            JobCheckpoint c = JobCheckpoint.load(file); // same job: checkCanRun looked
            if (!c.complete) {
                LOG.info("resuming after input {} position {} ({} rows done)", c.input, c.position, c.counters.read);
                for (Map.Entry<String, Long> e : c.fileSizes.entrySet()) {
                    truncate(config.outputDir().resolve(e.getKey()), e.getValue());
                }
            }
            return c;
        }
        JobCheckpoint c = new JobCheckpoint();
        c.inputs = inputs;
        c.rule = processor.rule().describe();
        c.outputFormat = config.outputFormat();
        for (Path p : List.of(keptFile(), rejectedFile(), failedFile(), summaryFile())) {
            Files.deleteIfExists(p);
        }
        return c;
    }

    private static void truncate(Path file, long size) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("checkpoint names " + file + " but it is missing; cannot resume");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (ch.size() < size) {
                throw new IOException(file + " is shorter (" + ch.size() + ") than its checkpoint (" + size + "); cannot resume");
            }
            ch.truncate(size);
        }
    }

    private static void showProgress(ProgressBar progress, JobCounters c) {
        progress.detail(String.format("kept %,d rejected %,d failed %,d", c.kept, c.rejected, c.failed));
        progress.advanceTo(c.read);
    }

    /** Flushes the outputs and saves the checkpoint with their lengths. */
    private void checkpoint(FilterOutputs out, JobCheckpoint c) throws IOException {
        out.flush();
        for (Path file : FilterOutputs.files(config)) {
            c.fileSizes.put(file.getFileName().toString(), Files.size(file));
        }
        c.save(checkpointFile());
    }
}
