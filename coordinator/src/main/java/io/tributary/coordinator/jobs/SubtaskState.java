package io.tributary.coordinator.jobs;

import io.tributary.proto.v1.TaskState;

/**
 * The states of one subtask as the JobManager tracks them. Immutable.
 *
 * <p>An ended subtask no longer holds its slot; that is what slot accounting counts.
 */
public enum SubtaskState {
  DEPLOYING, RUNNING, FINISHED, FAILED, CANCELED;

  public boolean isEnded() {
    return this == FINISHED || this == FAILED || this == CANCELED;
  }

  /** Subtasks only move forward: a late RUNNING report after FINISHED is ignored. */
  boolean canMoveTo(SubtaskState next) {
    return !isEnded() && next.ordinal() > ordinal();
  }

  public TaskState toProto() {
    return switch (this) {
      case DEPLOYING -> TaskState.TASK_DEPLOYING;
      case RUNNING -> TaskState.TASK_RUNNING;
      case FINISHED -> TaskState.TASK_FINISHED;
      case FAILED -> TaskState.TASK_FAILED;
      case CANCELED -> TaskState.TASK_CANCELED;
    };
  }

  /** The state a worker reported, or null for a value this coordinator does not know. */
  static SubtaskState fromProto(TaskState state) {
    return switch (state) {
      case TASK_DEPLOYING -> DEPLOYING;
      case TASK_RUNNING -> RUNNING;
      case TASK_FINISHED -> FINISHED;
      case TASK_FAILED -> FAILED;
      case TASK_CANCELED -> CANCELED;
      case TASK_STATE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }
}
