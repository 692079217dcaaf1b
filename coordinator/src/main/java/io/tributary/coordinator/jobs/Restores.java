package io.tributary.coordinator.jobs;

import io.tributary.common.error.Errors;
import io.tributary.common.jobs.CheckpointMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Chooses what a restarting job restores: its newest retained checkpoint whose metadata reads back,
 * falling back through older ones, else the savepoint it was submitted with, else nothing. Stateless.
 *
 * <p>A fresh start is only allowed when no checkpoint ever completed: silently dropping state that
 * existed would break exactly-once.
 */
final class Restores {
  private static final Logger LOG = LogManager.getLogger(Restores.class);

  /** The restore to use (null: fresh), or why none can be used ({@code unusable} non-null). */
  record Choice(RestoreRecord restore, String unusable) {}

  private Restores() {}

  /** The checkpoint or savepoint directory {@code dir} as a restore; InvalidArgument when its metadata is unreadable. */
  static RestoreRecord of(Path dir, long now) {
    try {
      CheckpointMetadata metadata = CheckpointMetadata.read(dir);
      return new RestoreRecord(metadata.checkpointId(), CheckpointMetadata.directoryOf(dir).toString(), now,
          metadata.savepoint());
    } catch (IllegalArgumentException e) {
      throw Errors.invalid(e.getMessage());
    }
  }

  static Choice choose(String jobId, List<RetainedCheckpoints.Retained> retained, Set<String> unusable,
      String fromSavepoint, long now) {
    List<String> tried = new ArrayList<>();
    for (int i = retained.size() - 1; i >= 0; i--) {
      RetainedCheckpoints.Retained r = retained.get(i);
      if (unusable.contains(r.path())) {
        tried.add(r.path() + " (a restore from it failed)");
        continue;
      }
      try {
        CheckpointMetadata.read(Path.of(r.path()));
        return new Choice(new RestoreRecord(r.id(), r.path(), now, false), null);
      } catch (IllegalArgumentException e) {
        LOG.warn("job {}: cannot restore checkpoint {}: {}; trying an older one", jobId, r.id(), e.getMessage());
        tried.add(r.path() + " (" + e.getMessage() + ")");
      }
    }
    if (!tried.isEmpty()) {
      return new Choice(null, "no retained checkpoint of the job can be restored; tried " + String.join(", ", tried)
          + "; submit the job again, from a savepoint if you have one");
    }
    if (fromSavepoint.isEmpty()) {
      return new Choice(null, null);
    }
    if (unusable.contains(fromSavepoint)) {
      return new Choice(null, "the savepoint the job started from (" + fromSavepoint + ") cannot be restored");
    }
    try {
      return new Choice(of(Path.of(fromSavepoint), now), null);
    } catch (RuntimeException e) {
      return new Choice(null, "the savepoint the job started from cannot be restored: " + e.getMessage());
    }
  }
}
