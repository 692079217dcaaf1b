package io.tributary.coordinator.jobs;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.JobDescription;
import java.util.List;
import java.util.Optional;

/**
 * Jobs that another coordinator service runs on a user's behalf (a delivery stream's job): submitted
 * the way JobControl submits them, canceled and described in the JobControl wire form. Thread-safe.
 *
 * <p>A managed job is an ordinary job ('trib job list' shows it); only its owner decides when it ends.
 */
public final class ManagedJobs {
  private final JobSubmitter submitter;
  private final JobManager manager;

  public ManagedJobs(JobSubmitter submitter, JobManager manager) {
    this.submitter = submitter;
    this.manager = manager;
  }

  /** Captures and schedules a job; returns its id. Failures are counted as refused submissions. */
  public String submit(byte[] jar, String mainClass, List<String> args, int parallelism) {
    SubmittedJob job;
    try {
      job = submitter.submit(jar, mainClass, args, parallelism, 0);
    } catch (TributaryException e) {
      manager.refused(e);
      throw e;
    }
    return manager.submit(job).id();
  }

  /** The job as JobControl describes it (subtask metrics included), or empty once it is forgotten. */
  public Optional<JobDescription> describe(String jobId) {
    try {
      return Optional.of(JobDescriptions.of(manager.describe(jobId)));
    } catch (TributaryException e) {
      if (e.code() == ErrorCode.RESOURCE_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Cancels the job unless it has ended or is forgotten already. */
  public void cancelIfRunning(String jobId) {
    try {
      if (!manager.describe(jobId).state().isTerminal()) {
        manager.cancel(jobId);
      }
    } catch (TributaryException e) {
      // Forgotten, or ended between the look and the cancel: what the caller wanted.
      if (e.code() != ErrorCode.RESOURCE_IN_USE && e.code() != ErrorCode.RESOURCE_NOT_FOUND) {
        throw e;
      }
    }
  }
}
