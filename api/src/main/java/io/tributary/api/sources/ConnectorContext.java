package io.tributary.api.sources;

import java.time.Clock;

/** What sources and sinks of one subtask get from the engine. Confined to the subtask's thread. */
public interface ConnectorContext {
  int subtaskIndex();

  int parallelism();

  Clock clock();

  ClassLoader userClassLoader();

  /**
   * A connector the engine provides, e.g. {@code io.tributary.api.connectors.StreamConnector} on a worker.
   *
   * @throws IllegalStateException naming the type when the engine has none
   */
  <C> C connector(Class<C> type);

  /**
   * State restored from a checkpoint for this source reader or sink writer (see their
   * {@code snapshotState}); empty on a fresh start.
   */
  default java.util.List<Object> restoredState() {
    return java.util.List.of();
  }

  /** Id of the checkpoint the job restarted from, or -1 on a fresh start. */
  default long restoredCheckpointId() {
    return -1;
  }

  /** The job's id (stable across restarts), e.g. to derive idempotent producer ids. */
  default String jobId() {
    return "";
  }

  /**
   * Whether the job takes checkpoints: sinks then hold records back until the checkpoint that
   * covers them completes (exactly-once), instead of writing them at once.
   */
  default boolean checkpointingEnabled() {
    return false;
  }

  /** The stable id of the operator this reader or writer belongs to (its node's uid), or "" unknown. */
  default String operatorUid() {
    return "";
  }

  /** This subtask's user metrics (reported to the coordinator on a worker; not reported in tests). */
  default io.tributary.api.metrics.MetricGroup metrics() {
    return io.tributary.api.metrics.MetricGroup.unreported();
  }
}
