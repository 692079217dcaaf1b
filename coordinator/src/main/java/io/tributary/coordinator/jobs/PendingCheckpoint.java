package io.tributary.coordinator.jobs;

import io.tributary.common.jobs.CheckpointMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A triggered checkpoint waiting for every subtask of the attempt to acknowledge; its moves to
 * COMPLETED or FAILED happen here and nowhere else. Confined to the JobManager thread.
 *
 * <p>Subtasks that finished count as acknowledged with no state, so a bounded source that ended
 * does not hold every later checkpoint back.
 */
final class PendingCheckpoint {
  /** One subtask's answer; {@code file} is relative to the checkpoint directory, empty for no state. */
  private record Ack(String file, long bytes, long alignmentMs) {}

  private final long id;
  private final boolean savepoint;
  private final boolean drain;
  private final Path dir;
  private final long triggerTimeMs;
  private final Map<SubtaskKey, Ack> acks = new LinkedHashMap<>();
  private final CompletableFuture<CompletedCheckpoint> done = new CompletableFuture<>();
  private CheckpointRecord.Status status = CheckpointRecord.Status.IN_PROGRESS;
  private String failure = "";
  private long endTimeMs;

  /** A vertex's subtask. */
  record SubtaskKey(int vertexId, int subtask) {
    @Override
    public String toString() {
      return vertexId + "/" + subtask;
    }
  }

  PendingCheckpoint(long id, boolean savepoint, boolean drain, Path dir, long triggerTimeMs, List<SubtaskKey> expected) {
    this.id = id;
    this.savepoint = savepoint;
    this.drain = drain;
    this.dir = dir;
    this.triggerTimeMs = triggerTimeMs;
    expected.forEach(k -> acks.put(k, null));
  }

  long id() {
    return id;
  }

  boolean savepoint() {
    return savepoint;
  }

  boolean drain() {
    return drain;
  }

  Path dir() {
    return dir;
  }

  long triggerTimeMs() {
    return triggerTimeMs;
  }

  CompletableFuture<CompletedCheckpoint> future() {
    return done;
  }

  boolean isInProgress() {
    return status == CheckpointRecord.Status.IN_PROGRESS;
  }

  /** Records a subtask's state file; true when this made the checkpoint complete. Late or foreign acks are ignored. */
  boolean acknowledge(SubtaskKey subtask, String statePath, long bytes, long alignmentMs) {
    if (!isInProgress() || !acks.containsKey(subtask) || acks.get(subtask) != null) {
      return false;
    }
    acks.put(subtask, new Ack(relative(statePath), bytes, alignmentMs));
    return isFullyAcknowledged();
  }

  /** A subtask ended without state for this checkpoint (a finished source); true when that completed it. */
  boolean finished(SubtaskKey subtask) {
    return acknowledge(subtask, "", 0, 0);
  }

  boolean isFullyAcknowledged() {
    return acks.values().stream().allMatch(a -> a != null);
  }

  /** Subtasks that have not acknowledged, as "vertex/subtask". */
  List<String> missing() {
    List<String> out = new ArrayList<>();
    acks.forEach((k, a) -> {
      if (a == null) {
        out.add(k.toString());
      }
    });
    return out;
  }

  /** The metadata naming every acknowledged subtask's state file (once fully acknowledged). */
  CheckpointMetadata metadata(String jobId, PlanShape shape) {
    requireInProgress("be described");
    List<CheckpointMetadata.SubtaskState> states = new ArrayList<>();
    acks.forEach((k, a) -> {
      if (!a.file().isEmpty()) {
        PlanShape.VertexShape v = shape.vertex(k.vertexId());
        states.add(new CheckpointMetadata.SubtaskState(k.vertexId(), k.subtask(), v.parallelism(), v.uids(), a.file(),
            a.bytes()));
      }
    });
    return new CheckpointMetadata(jobId, id, triggerTimeMs, savepoint, shape.maxParallelism(), states);
  }

  /** IN_PROGRESS → COMPLETED, once its metadata is written. */
  CompletedCheckpoint complete(CheckpointMetadata metadata, long now) {
    requireInProgress("complete");
    if (!isFullyAcknowledged()) {
      throw new IllegalStateException("checkpoint " + id + " cannot complete: " + missing() + " did not acknowledge");
    }
    status = CheckpointRecord.Status.COMPLETED;
    endTimeMs = now;
    return new CompletedCheckpoint(id, dir, now, savepoint, metadata);
  }

  /** IN_PROGRESS → FAILED with the reason; false when it had ended already. */
  boolean fail(String why, long now) {
    if (!isInProgress()) {
      return false;
    }
    status = CheckpointRecord.Status.FAILED;
    failure = why;
    endTimeMs = now;
    return true;
  }

  CheckpointRecord record(long now) {
    long end = isInProgress() ? now : endTimeMs;
    long bytes = acks.values().stream().filter(a -> a != null).mapToLong(Ack::bytes).sum();
    long alignment = acks.values().stream().filter(a -> a != null).mapToLong(Ack::alignmentMs).max().orElse(0);
    int acked = (int) acks.values().stream().filter(a -> a != null).count();
    return new CheckpointRecord(id, status, savepoint, triggerTimeMs, end - triggerTimeMs, bytes, alignment, acked,
        acks.size(), dir.toString(), failure);
  }

  private String relative(String statePath) {
    if (statePath == null || statePath.isEmpty()) {
      return "";
    }
    Path file = Path.of(statePath);
    return file.isAbsolute() && file.startsWith(dir) ? dir.relativize(file).toString() : file.getFileName().toString();
  }

  private void requireInProgress(String what) {
    if (!isInProgress()) {
      throw new IllegalStateException("checkpoint " + id + " cannot " + what + ": it is " + status);
    }
  }
}
