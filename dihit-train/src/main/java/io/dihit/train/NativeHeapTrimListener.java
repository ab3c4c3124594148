package io.dihit.train;

/**
 * Returns malloc's free pages to the OS every N updates ({@link NativeHeap}), after the step's
 * metrics line (so rss_mib shows the regrowth, not the trim): libtorch's freed buffers otherwise
 * fragment glibc's arenas and resident memory creeps up although nothing leaks.
 */
final class NativeHeapTrimListener implements TrainingListener {

    /** Steps between trims in the default listeners. */
    public static final int DEFAULT_EVERY = 100;
    private final long every;

    public NativeHeapTrimListener(long every) {
        if (every < 1) {
            throw new IllegalArgumentException("trim interval must be >= 1, got " + every);
        }
        this.every = every;
    }

    @Override
    public void onStep(TrainingRun run, StepResult step) {
        if (step.step() % every == 0) {
            NativeHeap.trim();
        }
    }
}
