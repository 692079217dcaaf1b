package io.tributary.coordinator.jobs;

/**
 * Where a job's checkpoint counter and retained checkpoints are kept. Implementations are
 * thread-safe.
 *
 * <p>An interface so that the checkpoint coordinator's rules can be tested without ZooKeeper.
 */
interface CheckpointLog {
  /** The job's counter and retained list; empty when it has none yet. */
  RetainedCheckpoints read(String jobId);

  /** Replaces them; throws (NotLeader, Unavailable) when the write cannot be made. */
  void write(String jobId, RetainedCheckpoints value);
}
