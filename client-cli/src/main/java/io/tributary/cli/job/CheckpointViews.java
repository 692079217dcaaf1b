package io.tributary.cli.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.cli.output.Human;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.Table;
import io.tributary.proto.v1.CheckpointInfo;
import io.tributary.proto.v1.CheckpointStatus;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.RestoreInfo;
import java.time.Duration;
import java.time.Instant;

/**
 * A job's checkpoint history, last restore and restarts, as a table and as JSON. Stateless.
 * <p>Failed checkpoints keep their reason in both forms: a checkpoint that never completes must be
 * visible to whoever looks at the job, not only in the coordinator's log.
 */
public final class CheckpointViews {
  private CheckpointViews() {}

  /** "COMPLETED" for CHECKPOINT_COMPLETED. */
  public static String status(CheckpointStatus status) {
    return status.name().startsWith("CHECKPOINT_") ? status.name().substring(11) : status.name();
  }

  /** Adds {@code attempt}, {@code restarts}, {@code lastRestore} and {@code checkpoints} to a job's JSON. */
  static void addTo(ObjectNode job, JobDescription d) {
    job.put("attempt", d.getAttempt()).put("restarts", d.getRestarts());
    if (d.hasLastRestore()) {
      RestoreInfo r = d.getLastRestore();
      job.putObject("lastRestore")
          .put("checkpointId", r.getCheckpointId())
          .put("path", r.getPath())
          .put("savepoint", r.getSavepoint())
          .put("restored", Instant.ofEpochMilli(r.getRestoreTimeMs()).toString());
    } else {
      job.putNull("lastRestore");
    }
    ArrayNode checkpoints = job.putArray("checkpoints");
    for (CheckpointInfo c : d.getCheckpointsList()) {
      ObjectNode node = checkpoints.addObject()
          .put("id", c.getCheckpointId())
          .put("status", status(c.getStatus()))
          .put("savepoint", c.getSavepoint())
          .put("triggered", Instant.ofEpochMilli(c.getTriggerTimeMs()).toString())
          .put("durationMs", c.getDurationMs())
          .put("stateBytes", c.getStateBytes())
          .put("alignmentMs", c.getAlignmentMs())
          .put("acknowledged", c.getAcknowledged())
          .put("subtasks", c.getSubtasks())
          .put("path", c.getPath());
      node.put("failure", c.getFailure().isEmpty() ? null : c.getFailure());
    }
  }

  /** Restarts and the last restore, for the head of {@code trib job describe}; nothing for a plain first run. */
  static void printRecovery(JobDescription d, Output output) {
    if (d.getAttempt() > 0 || d.getRestarts() > 0) {
      output.line("Restarts:     " + d.getRestarts() + " (attempt " + d.getAttempt() + " running)");
    }
    if (d.hasLastRestore()) {
      RestoreInfo r = d.getLastRestore();
      output.line("Restored:     " + (r.getSavepoint() ? "savepoint " : "checkpoint ") + r.getCheckpointId() + " from "
          + r.getPath() + " at " + Human.time(r.getRestoreTimeMs()));
    }
  }

  /** The checkpoint history table and the failure reasons; nothing for a job that never took one. */
  static void printHistory(JobDescription d, Output output) {
    if (d.getCheckpointsCount() == 0) {
      return;
    }
    output.line("");
    output.line("Checkpoints (newest first):");
    output.table(table(d));
    for (CheckpointInfo c : d.getCheckpointsList()) {
      if (!c.getFailure().isEmpty()) {
        output.line("Checkpoint " + c.getCheckpointId() + " " + status(c.getStatus()) + ": " + c.getFailure().strip());
      }
    }
  }

  private static Table table(JobDescription d) {
    Table table = Table.of("ID", "KIND", "STATUS", "TRIGGERED", "DURATION", "SIZE", "ALIGNMENT", "ACKS", "PATH")
        .alignRight(0, 4, 5, 6, 7);
    for (CheckpointInfo c : d.getCheckpointsList()) {
      boolean done = c.getStatus() != CheckpointStatus.CHECKPOINT_IN_PROGRESS;
      table.row(c.getCheckpointId(), c.getSavepoint() ? "savepoint" : "checkpoint", status(c.getStatus()),
          Human.time(c.getTriggerTimeMs()), done ? Human.duration(Duration.ofMillis(c.getDurationMs())) : "-",
          Human.bytes(c.getStateBytes()), Human.duration(Duration.ofMillis(c.getAlignmentMs())),
          c.getAcknowledged() + "/" + c.getSubtasks(), c.getPath().isEmpty() ? "-" : c.getPath());
    }
    return table;
  }
}
