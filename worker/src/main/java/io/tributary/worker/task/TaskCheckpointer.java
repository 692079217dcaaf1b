package io.tributary.worker.task;

import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.sources.SourceReader;
import io.tributary.proto.v1.CheckpointAck;
import io.tributary.proto.v1.CheckpointDecline;
import io.tributary.worker.checkpoint.StateFiles;
import io.tributary.worker.checkpoint.TaskRestore;
import io.tributary.worker.exchange.CheckpointBarrier;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Takes a subtask's part of checkpoints: snapshots the chain (and the source reader) on the task
 * thread, forwards the barrier, then has the checkpoint-io executor write the state file and
 * acknowledge; runs checkpoint notifications. Confined to the subtask's thread, except the write.
 *
 * <p>A snapshot or write that fails declines the checkpoint and keeps the job running: the next
 * checkpoint may well succeed, and the coordinator decides what a failed one means.
 */
final class TaskCheckpointer {
  private static final Logger LOG = LogManager.getLogger(TaskCheckpointer.class);

  private final TaskSpec spec;
  private final OperatorChain chain;
  private final SourceReader<?> reader;
  private final TaskServices services;

  /** @param reader the source reader of a source subtask, else null */
  TaskCheckpointer(TaskSpec spec, OperatorChain chain, SourceReader<?> reader, TaskServices services) {
    this.spec = spec;
    this.chain = chain;
    this.reader = reader;
    this.services = services;
  }

  /**
   * Runs the queued requests.
   *
   * @return true when a trigger asked the source to end its input after its barrier (stop with drain)
   */
  boolean processMail(TaskMailbox mailbox) throws Exception {
    boolean drain = false;
    for (TaskMailbox.Mail mail = mailbox.poll(); mail != null; mail = mailbox.poll()) {
      if (mail instanceof TaskMailbox.Notify notify) {
        notifyCheckpoint(notify.checkpointId(), notify.completed());
      } else if (mail instanceof TaskMailbox.Trigger trigger) {
        if (reader == null) {
          LOG.info("subtask {} ignored a trigger of checkpoint {}: only source subtasks are triggered",
              spec.key(), trigger.barrier().checkpointId());
          continue;
        }
        checkpoint(trigger.barrier(), 0L);
        drain |= trigger.drain();
      }
    }
    return drain;
  }

  /** Snapshots the subtask at {@code barrier}, forwards the barrier on every output, then writes and acknowledges. */
  void checkpoint(CheckpointBarrier barrier, long alignmentNanos) throws Exception {
    long id = barrier.checkpointId();
    long start = System.nanoTime();
    byte[] bytes = null;
    Exception failure = null;
    try {
      bytes = StateFiles.encode(snapshot(id), spec.userClassLoader());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      failure = e;
    }
    long syncNanos = System.nanoTime() - start;
    chain.broadcastBarrier(barrier);
    if (failure != null) {
      LOG.warn("subtask {} could not snapshot checkpoint {}: {}", spec.key(), id, failure.toString());
      decline(id, "subtask " + spec.key() + " could not snapshot its state: " + failure);
      return;
    }
    byte[] state = bytes;
    try {
      services.checkpointIo().execute(() -> write(barrier, state, alignmentNanos, syncNanos));
    } catch (RejectedExecutionException e) {
      decline(id, "the worker of subtask " + spec.key() + " is shutting down");
    }
  }

  private Map<String, OperatorSnapshot> snapshot(long id) throws Exception {
    Map<String, OperatorSnapshot> snapshots = new LinkedHashMap<>();
    if (reader != null) {
      List<Object> positions = reader.snapshotState(id);
      snapshots.put(spec.vertex().head().uid(),
          new OperatorSnapshot(Map.of(), Map.of(), Map.of(TaskRestore.SOURCE_STATE, new java.util.ArrayList<>(positions))));
    }
    chain.snapshot(id, snapshots);
    return snapshots;
  }

  private void write(CheckpointBarrier barrier, byte[] bytes, long alignmentNanos, long syncNanos) {
    long start = System.nanoTime();
    Path file = Path.of(barrier.dir()).resolve(spec.vertex().id() + "-" + spec.subtask() + ".state");
    try {
      StateFiles.write(file, bytes);
    } catch (Exception e) {
      LOG.warn("subtask {} could not write {} for checkpoint {}: {}", spec.key(), file, barrier.checkpointId(),
          e.toString());
      decline(barrier.checkpointId(), "subtask " + spec.key() + " could not write " + file + ": " + e);
      return;
    }
    services.checkpoints().acknowledge(CheckpointAck.newBuilder()
        .setTask(spec.key().toProto())
        .setCheckpointId(barrier.checkpointId())
        .setStatePath(file.toString())
        .setStateBytes(bytes.length)
        .setAlignmentMs(TimeUnit.NANOSECONDS.toMillis(alignmentNanos))
        .setSyncMs(TimeUnit.NANOSECONDS.toMillis(syncNanos))
        .setAsyncMs(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
        .build());
  }

  void decline(long checkpointId, String reason) {
    services.checkpoints().decline(CheckpointDecline.newBuilder()
        .setTask(spec.key().toProto()).setCheckpointId(checkpointId).setReason(reason).build());
  }

  private void notifyCheckpoint(long id, boolean completed) throws Exception {
    if (completed) {
      chain.notifyCheckpointComplete(id);
      if (reader != null) {
        reader.notifyCheckpointComplete(id);
      }
    } else {
      chain.notifyCheckpointAborted(id);
    }
  }
}
