package io.tributary.coordinator.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's recent checkpoints and savepoints, newest first and bounded, and the restore its current
 * attempt started from. Confined to the JobManager thread.
 *
 * <p>Kept apart from the per-attempt coordinator so that history survives restarts.
 */
final class CheckpointHistory {
  static final int KEPT = 10;

  private final List<CheckpointRecord> records = new ArrayList<>();
  private RestoreRecord lastRestore;
  private long version;

  CheckpointHistory(List<CheckpointRecord> records, RestoreRecord lastRestore) {
    records.stream().limit(KEPT).forEach(this.records::add);
    this.lastRestore = lastRestore;
  }

  /** Adds a checkpoint or replaces the entry with the same id. */
  void update(CheckpointRecord record) {
    if (record.status() != CheckpointRecord.Status.IN_PROGRESS) {
      version++;
    }
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).id() == record.id()) {
        records.set(i, record);
        return;
      }
    }
    records.add(0, record);
    records.sort((a, b) -> Long.compare(b.id(), a.id()));
    while (records.size() > KEPT) {
      records.remove(records.size() - 1);
    }
  }

  /** Entries still IN_PROGRESS become FAILED with {@code why} (their attempt or leader is gone). */
  void failInProgress(String why, long now) {
    for (int i = 0; i < records.size(); i++) {
      CheckpointRecord r = records.get(i);
      if (r.status() == CheckpointRecord.Status.IN_PROGRESS) {
        records.set(i, new CheckpointRecord(r.id(), CheckpointRecord.Status.FAILED, r.savepoint(), r.triggerTimeMs(),
            now - r.triggerTimeMs(), r.stateBytes(), r.alignmentMs(), r.acknowledged(), r.subtasks(), r.path(), why));
      }
    }
  }

  /** Grows whenever a checkpoint completed or failed. */
  long version() {
    return version;
  }

  void restored(RestoreRecord restore) {
    this.lastRestore = restore;
  }

  List<CheckpointRecord> records() {
    return List.copyOf(records);
  }

  RestoreRecord lastRestore() {
    return lastRestore;
  }
}
