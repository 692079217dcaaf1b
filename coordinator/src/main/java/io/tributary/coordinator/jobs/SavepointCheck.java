package io.tributary.coordinator.jobs;

import io.tributary.common.error.Errors;
import io.tributary.common.jobs.CheckpointMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that a job can start from a savepoint (or retained checkpoint): its metadata reads back,
 * its key groups match, and every operator it holds state for exists in the new plan. Stateless.
 *
 * <p>Refusing at submission is kinder than a job whose state silently disappears.
 */
final class SavepointCheck {
  private SavepointCheck() {}

  /** The savepoint's directory; InvalidArgument naming the problem and the fix. */
  static Path validate(SubmittedJob job, String savepoint) {
    CheckpointMetadata metadata;
    try {
      metadata = CheckpointMetadata.read(Path.of(savepoint.trim()));
    } catch (IllegalArgumentException e) {
      throw Errors.invalid("cannot start from savepoint '" + savepoint + "': " + e.getMessage());
    }
    if (metadata.maxParallelism() != job.maxParallelism()) {
      throw Errors.invalid("savepoint '" + savepoint + "' was taken with max parallelism " + metadata.maxParallelism()
          + " but the job has " + job.maxParallelism() + "; submit with --max-parallelism "
          + metadata.maxParallelism() + " (key groups cannot change)");
    }
    Set<String> known = job.shape().uids();
    Set<String> missing = new LinkedHashSet<>();
    for (CheckpointMetadata.SubtaskState s : metadata.subtasks()) {
      List<String> unknown = new ArrayList<>(s.uids());
      unknown.removeAll(known);
      missing.addAll(unknown);
    }
    if (!missing.isEmpty()) {
      throw Errors.invalid("savepoint '" + savepoint + "' holds state of operators the job does not have: " + missing
          + "; give those operators the same uid(...) as before, or start without the savepoint");
    }
    return CheckpointMetadata.directoryOf(Path.of(savepoint.trim()));
  }
}
