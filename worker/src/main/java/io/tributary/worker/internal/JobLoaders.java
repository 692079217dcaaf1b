package io.tributary.worker.internal;

import io.tributary.common.error.Errors;
import io.tributary.common.jobs.JobClassLoader;
import io.tributary.api.graph.JobPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The class loader of one job on this worker: a child-first loader over its jar, or the worker's
 * own loader when the job came without a jar. Thread-safe; closing it lets the job's classes unload.
 */
final class JobLoaders implements AutoCloseable {
  private final String jobId;
  private final ClassLoader loader;
  private final JobClassLoader own;

  JobLoaders(String jobId, Optional<Path> jar, ClassLoader parent) {
    this.jobId = jobId;
    this.own = jar.map(j -> new JobClassLoader(jobId, j, parent)).orElse(null);
    this.loader = own != null ? own : parent;
  }

  ClassLoader loader() {
    return loader;
  }

  /** Reads this subtask's own copy of the plan: every operator instance belongs to one subtask. */
  JobPlan readPlan(byte[] bytes) {
    try {
      Object plan = JobClassLoader.deserialize(bytes, loader);
      if (!(plan instanceof JobPlan jobPlan)) {
        throw Errors.invalid("the plan of job " + jobId + " is a " + plan.getClass().getName()
            + ", not a job plan; deploy plans built by JobPlanner");
      }
      return jobPlan;
    } catch (IOException | ClassNotFoundException e) {
      throw Errors.invalid("cannot read the plan of job " + jobId + ": " + e
          + "; workers and coordinators must run the same engine version, and the job jar must hold its classes");
    }
  }

  @Override
  public void close() throws IOException {
    if (own != null) {
      own.close();
    }
  }
}
