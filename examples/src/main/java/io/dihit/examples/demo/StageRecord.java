package io.dihit.examples.demo;

/** What a stage did, for the report's timing table. */
public record StageRecord(String name, boolean ran, double seconds, String summary) {
}
