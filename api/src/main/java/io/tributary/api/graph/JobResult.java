package io.tributary.api.graph;

/** What {@code execute} returns: the job's id once accepted. */
public record JobResult(String jobId) {}
