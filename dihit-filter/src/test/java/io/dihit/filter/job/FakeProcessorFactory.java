package io.dihit.filter.job;

import io.dihit.filter.CatRule;

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
