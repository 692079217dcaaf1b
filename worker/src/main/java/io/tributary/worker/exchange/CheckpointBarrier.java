package io.tributary.worker.exchange;

import java.util.Objects;

/**
 * What a BARRIER element carries besides its checkpoint id: where every subtask writes its state
 * for that checkpoint. Immutable.
 *
 * <p>Only source subtasks are triggered by the coordinator, so the target travels in-band with the
 * barrier to subtasks on workers that run no source of the job.
 *
 * @param dir the checkpoint's directory, reachable from every worker
 */
public record CheckpointBarrier(long checkpointId, long timestampMs, String dir, boolean savepoint) {
  public CheckpointBarrier {
    Objects.requireNonNull(dir, "dir");
  }
}
