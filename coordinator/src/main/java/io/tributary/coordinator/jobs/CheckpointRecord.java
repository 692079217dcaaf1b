package io.tributary.coordinator.jobs;

import io.tributary.proto.v1.CheckpointInfo;
import io.tributary.proto.v1.CheckpointStatus;

/**
 * One checkpoint or savepoint as a job's history shows it (kept in the job's ZooKeeper record).
 * Immutable.
 *
 * <p>Times are epoch milliseconds; {@code alignmentMs} is the largest over the subtasks.
 */
public record CheckpointRecord(long id, Status status, boolean savepoint, long triggerTimeMs, long durationMs,
    long stateBytes, long alignmentMs, int acknowledged, int subtasks, String path, String failure) {
  /** Where a checkpoint is in its life. */
  public enum Status { IN_PROGRESS, COMPLETED, FAILED }

  public CheckpointRecord {
    path = path == null ? "" : path;
    failure = failure == null ? "" : failure;
  }

  CheckpointInfo toProto() {
    return CheckpointInfo.newBuilder()
        .setCheckpointId(id)
        .setStatus(switch (status) {
          case IN_PROGRESS -> CheckpointStatus.CHECKPOINT_IN_PROGRESS;
          case COMPLETED -> CheckpointStatus.CHECKPOINT_COMPLETED;
          case FAILED -> CheckpointStatus.CHECKPOINT_FAILED;
        })
        .setSavepoint(savepoint)
        .setTriggerTimeMs(triggerTimeMs)
        .setDurationMs(durationMs)
        .setStateBytes(stateBytes)
        .setAlignmentMs(alignmentMs)
        .setAcknowledged(acknowledged)
        .setSubtasks(subtasks)
        .setPath(path)
        .setFailure(failure)
        .build();
  }
}
