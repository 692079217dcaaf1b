package io.tributary.api.graph;

import java.util.concurrent.Callable;

/** The executor a job's main sees, installed by whoever runs the main. Thread-safe. */
public final class JobExecutors {
  private static final InheritableThreadLocal<JobExecutor> CURRENT = new InheritableThreadLocal<>();

  private JobExecutors() {}

  /**
   * @throws IllegalStateException when nothing installed one: the main was run outside the engine
   */
  public static JobExecutor current() {
    JobExecutor executor = CURRENT.get();
    if (executor == null) {
      throw new IllegalStateException(
          "no job executor: submit this job with 'trib job run JAR', or install one with JobExecutors.callWith in tests");
    }
    return executor;
  }

  /** Calls {@code body} (typically a job's main) with {@code executor} installed for this thread and its children. */
  public static <T> T callWith(JobExecutor executor, Callable<T> body) throws Exception {
    JobExecutor previous = CURRENT.get();
    CURRENT.set(executor);
    try {
      return body.call();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }
}
