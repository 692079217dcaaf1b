package io.tributary.api.sinks;

import io.tributary.api.sinks.TextFileSink.PendingPart;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One subtask's part files of a {@link TextFileSink}: appends to an in-progress file (opened at the
 * first record after a checkpoint), closes it as pending at a checkpoint, commits pending files when
 * their checkpoint completes. Confined to the subtask's thread. Pending files are synced to disk
 * before the checkpoint acknowledges them, so a commit after a crash finds them complete.
 */
final class TextFileWriter<T> implements SinkWriter<T> {
  private final Path dir;
  private final int subtask;
  private final List<Long> pendingCheckpoints = new ArrayList<>();
  private final List<PendingPart> pending = new ArrayList<>();
  private long lastCheckpoint;
  private boolean checkpointing;
  private Path inProgress;
  private FileOutputStream file;
  private BufferedWriter out;

  /**
   * @param lastCheckpoint the checkpoint this subtask restored from, 0 on a fresh start
   * @param checkpointing whether the job restored from a checkpoint (then even a fresh run's output is
   *     named after checkpoints, never {@code part-<subtask>-0.txt})
   */
  TextFileWriter(Path dir, int subtask, long lastCheckpoint, boolean checkpointing) {
    this.dir = dir;
    this.subtask = subtask;
    this.lastCheckpoint = lastCheckpoint;
    this.checkpointing = checkpointing;
  }

  @Override
  public void write(T value, long timestamp) throws IOException {
    if (out == null) {
      inProgress = dir.resolve(TextFileSink.partFileName(subtask, lastCheckpoint) + TextFileSink.IN_PROGRESS);
      file = new FileOutputStream(inProgress.toFile());
      out = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8));
    }
    out.write(String.valueOf(value));
    out.newLine();
  }

  @Override
  public void flush(boolean endOfInput) throws IOException {
    if (!endOfInput) {
      if (out != null) {
        out.flush();
      }
      return;
    }
    if (checkpointing) {
      closeAs(endName());
    } else if (!closeAs(TextFileSink.partFileName(subtask))) {
      Files.write(dir.resolve(TextFileSink.partFileName(subtask)), new byte[0]);
    }
    commitUpTo(Long.MAX_VALUE);
  }

  @Override
  public List<Object> snapshotState(long checkpointId) throws IOException {
    checkpointing = true;
    lastCheckpoint = checkpointId;
    closeAs(TextFileSink.partFileName(subtask, checkpointId));
    return new ArrayList<>(pending);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws IOException {
    commitUpTo(checkpointId);
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      BufferedWriter closing = out;
      out = null;
      closing.close();
    }
  }

  /** Renames a pending part to its final name; nothing to do when an earlier commit did it. */
  static void commit(Path dir, PendingPart part) throws IOException {
    Path target = dir.resolve(part.name());
    Path pendingFile = dir.resolve(part.name() + TextFileSink.PENDING);
    if (Files.exists(pendingFile)) {
      TextFileSink.rename(pendingFile, target);
    } else if (!Files.exists(target)) {
      throw new IOException("part file '" + target + "' of a checkpoint is missing, neither pending nor committed; "
          + "the sink's directory lost files after the checkpoint, so its output is incomplete");
    }
  }

  /** Closes the in-progress file as pending {@code name}, synced to disk; false when nothing was written. */
  private boolean closeAs(String name) throws IOException {
    if (out == null) {
      return false;
    }
    out.flush();
    file.getChannel().force(true);
    close();
    TextFileSink.rename(inProgress, dir.resolve(name + TextFileSink.PENDING));
    pending.add(new PendingPart(name));
    pendingCheckpoints.add(lastCheckpoint);
    return true;
  }

  private void commitUpTo(long checkpointId) throws IOException {
    Iterator<PendingPart> parts = pending.iterator();
    Iterator<Long> checkpoints = pendingCheckpoints.iterator();
    while (parts.hasNext()) {
      PendingPart part = parts.next();
      if (checkpoints.next() <= checkpointId) {
        commit(dir, part);
        parts.remove();
        checkpoints.remove();
      }
    }
  }

  /** The name of what was written after the last checkpoint when the input ends. */
  private String endName() {
    return "part-" + subtask + "-" + lastCheckpoint + "-end.txt";
  }
}
