package io.tributary.coordinator.jobs;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.io.Directories;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The files of each job under the coordinator's directory: {@code jobs/<id>/job.jar} and
 * {@code jobs/<id>/plan.bin}. Thread-safe (holds no state but the root).
 *
 * <p>Workers fetch jars from here, so the layout is kept in one place.
 */
public final class JobArtifacts {
  private final Path root;

  public JobArtifacts(Path root) {
    this.root = root;
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
          + "' has no jar on this coordinator; list jobs with 'trib job list' (a job's jar lives on the leader"
          + " that accepted it)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the jar of job '" + jobId + "': " + e.getMessage(), e);
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
          + e.getMessage() + "; check the coordinator's server.dir and free disk space", e);
    }
  }
}
