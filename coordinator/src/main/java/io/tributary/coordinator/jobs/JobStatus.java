package io.tributary.coordinator.jobs;

import io.tributary.proto.v1.JobState;
import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a job and the moves allowed between them, in one place. Immutable.
 *
 * <p>{@link TrackedJob} asks {@link #canMoveTo} before every change, so an impossible move is a bug
 * found at once rather than a job that looks running after it ended.
 */
public enum JobStatus {
  CREATED, RUNNING, RESTARTING, FINISHED, FAILED, CANCELING, CANCELED;

  public boolean isTerminal() {
    return this == FINISHED || this == FAILED || this == CANCELED;
  }

  public boolean canMoveTo(JobStatus next) {
    return next != this && successors().contains(next);
  }

  private Set<JobStatus> successors() {
    return switch (this) {
      case CREATED -> EnumSet.of(RUNNING, RESTARTING, FINISHED, FAILED, CANCELING, CANCELED);
      case RUNNING -> EnumSet.of(RESTARTING, FINISHED, FAILED, CANCELING, CANCELED);
      case RESTARTING -> EnumSet.of(RUNNING, FINISHED, FAILED, CANCELING, CANCELED);
      case CANCELING -> EnumSet.of(CANCELED);
      case FINISHED, FAILED, CANCELED -> EnumSet.noneOf(JobStatus.class);
    };
  }

  public JobState toProto() {
    return switch (this) {
      case CREATED -> JobState.JOB_CREATED;
      case RUNNING -> JobState.JOB_RUNNING;
      case RESTARTING -> JobState.JOB_RESTARTING;
      case FINISHED -> JobState.JOB_FINISHED;
      case FAILED -> JobState.JOB_FAILED;
      case CANCELING -> JobState.JOB_CANCELING;
      case CANCELED -> JobState.JOB_CANCELED;
    };
  }
}
