package io.tributary.coordinator.jobs;

import io.tributary.proto.v1.RestoreInfo;

/**
 * The checkpoint or savepoint an attempt of a job started from. Immutable.
 *
 * @param path the checkpoint's directory (holds {@code _metadata})
 */
public record RestoreRecord(long checkpointId, String path, long restoreTimeMs, boolean savepoint) {
  RestoreInfo toProto() {
    return RestoreInfo.newBuilder().setCheckpointId(checkpointId).setPath(path).setRestoreTimeMs(restoreTimeMs)
        .setSavepoint(savepoint).build();
  }
}
