package io.dihit.filter.spark;

import io.dihit.filter.CatRule;
import io.dihit.filter.job.ImageCheck;
import io.dihit.filter.job.JobFixtures;
import io.dihit.filter.job.SampleProcessor;

/** The test jobs' fake parser (no models) on Spark executors. */
record FakeProcessorFactory(ImageCheck imageCheck) implements ProcessorFactory {
    @Override
    public SampleProcessor create() {
        return JobFixtures.fakeProcessor(imageCheck);
    }

    @Override
    public CatRule rule() {
        return JobFixtures.FAKE_RULE;
    }
}
