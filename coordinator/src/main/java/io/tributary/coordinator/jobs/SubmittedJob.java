package io.tributary.coordinator.jobs;

/**
 * A job whose main ran and whose plan was captured and stored, ready to be scheduled. Immutable
 * (the plan bytes are not copied and must not be changed).
 *
 * <p>The plan travels as bytes so that the coordinator holds none of the job's classes.
 */
public record SubmittedJob(String id, PlanShape shape, byte[] plan, int parallelism, int maxParallelism) {}
