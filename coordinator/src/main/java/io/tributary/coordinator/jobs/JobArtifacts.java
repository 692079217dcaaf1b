package io.tributary.coordinator.jobs;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.api.graph.JobPlan;
import io.tributary.common.io.Directories;
import io.tributary.common.jobs.JobClassLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The files of each job in checkpoint storage: {@code <id>/job.jar}, {@code <id>/plan.bin}, and its
 * checkpoints {@code <id>/chk-<n>/}; default savepoints under {@code savepoints/}. Thread-safe (holds
 * no state but the root).
 *
 * <p>Workers fetch jars from here and a new leader restarts jobs from here, so the layout is kept in
 * one place and lives where every coordinator can reach it.
 */
public final class JobArtifacts {
  private final Path root;

  public JobArtifacts(Path root) {
    this.root = root;
  }

  /** Where savepoints go when the request names no directory. */
  Path defaultSavepoints() {
    return root.resolve("savepoints");
  }

  Path dir(String jobId) {
    return root.resolve(JobIds.require(jobId));
  }

  public Path jar(String jobId) {
    return dir(jobId).resolve("job.jar");
  }

  Path plan(String jobId) {
    return dir(jobId).resolve("plan.bin");
  }

  Path storeJar(String jobId, byte[] jar) {
    return write(jar(jobId), jar, "the job jar");
  }

  void storePlan(String jobId, byte[] plan) {
    write(plan(jobId), plan, "the job plan");
  }

  /** The stored jar for streaming, or ResourceNotFound when this coordinator has none for the id. */
  public InputStream openJar(String jobId) {
    try {
      return Files.newInputStream(jar(jobId));
    } catch (NoSuchFileException e) {
      throw new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, "job '" + jobId
          + "' has no jar in checkpoint storage (" + jar(jobId) + "); list jobs with 'trib job list', and check that"
          + " every coordinator has the same checkpoint.dir");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the jar of job '" + jobId + "': " + e.getMessage(), e);
    }
  }

  /** The stored job as it was submitted, with its plan's shape read back through a class loader over its jar. */
  SubmittedJob load(JobRecord record, ClassLoader parent) {
    try {
      byte[] plan = Files.readAllBytes(plan(record.id()));
      try (JobClassLoader loader = new JobClassLoader(record.id(), jar(record.id()), parent)) {
        JobPlan read = (JobPlan) JobClassLoader.deserialize(plan, loader);
        PlanShape shape = PlanShape.of(read).withJobName(record.name());
        return new SubmittedJob(record.id(), shape, plan, record.parallelism(), record.maxParallelism(),
            record.mainClass(), record.args());
      }
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new TributaryException(ErrorCode.INTERNAL, "cannot read the stored plan of job '" + record.id() + "' at "
          + plan(record.id()) + " (" + e + "); the job cannot be restarted; submit it again", e);
    }
  }

  byte[] readJar(String jobId) {
    try {
      return Files.readAllBytes(jar(jobId));
    } catch (IOException e) {
      throw new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, "cannot read the stored jar of job '" + jobId
          + "' at " + jar(jobId) + " (" + e.getMessage() + "); submit the job again with 'trib job run'", e);
    }
  }

  void delete(String jobId) {
    Directories.deleteRecursively(dir(jobId));
  }

  private static Path write(Path file, byte[] bytes, String what) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new TributaryException(ErrorCode.INTERNAL, "cannot store " + what + " at " + file + ": "
          + e.getMessage() + "; check the coordinator's checkpoint.dir and free disk space", e);
    }
  }
}
