package io.tributary.coordinator.jobs;

import java.util.List;

/**
 * A job whose main ran and whose plan was captured and stored, ready to be scheduled. Immutable
 * (the plan bytes are not copied and must not be changed).
 *
 * <p>The plan travels as bytes so that the coordinator holds none of the job's classes. The main
 * class and arguments are kept so that a rescale can run the main again at another parallelism.
 */
public record SubmittedJob(String id, PlanShape shape, byte[] plan, int parallelism, int maxParallelism,
    String mainClass, List<String> args) {
  public SubmittedJob {
    mainClass = mainClass == null ? "" : mainClass;
    args = args == null ? List.of() : List.copyOf(args);
  }

  public SubmittedJob(String id, PlanShape shape, byte[] plan, int parallelism, int maxParallelism) {
    this(id, shape, plan, parallelism, maxParallelism, "", List.of());
  }
}
