package io.tributary.api.sinks;

import io.tributary.api.sources.ConnectorContext;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes records' toString, one per line (UTF-8), to part files in a directory, exactly once when
 * the job checkpoints. A subtask writes {@code part-<subtask>-<k>.txt.inprogress}; at checkpoint n it
 * closes that file as {@code part-<subtask>-<n>.txt.pending} and commits it, renamed to {@code
 * part-<subtask>-<n>.txt}, when checkpoint n completes. When its input ends it commits everything:
 * without checkpoints that is {@code part-<subtask>-0.txt}, as before. Readers (and the text file
 * source) only ever see final files. After a restart the subtasks commit the pending files of the
 * checkpoint they restore (again, idempotently) and delete the in-progress and later pending files
 * of the subtasks they take over, whose records are written again from the checkpoint.
 */
public record TextFileSink<T>(String directory) implements Sink<T> {
  static final String IN_PROGRESS = ".inprogress";
  static final String PENDING = ".pending";
  private static final Pattern PART = Pattern.compile("part-(\\d+)-(\\d+)(-end)?\\.txt(\\.inprogress|\\.pending)?");

  public TextFileSink {
    if (directory == null || directory.isBlank()) {
      throw new IllegalArgumentException("a text file sink needs a directory");
    }
  }

  /** The file a subtask's whole output ends up in when the job does not checkpoint. */
  public static String partFileName(int subtask) {
    return partFileName(subtask, 0);
  }

  /** The final name of what subtask {@code subtask} wrote up to checkpoint {@code checkpointId}. */
  public static String partFileName(int subtask, long checkpointId) {
    return "part-" + subtask + "-" + checkpointId + ".txt";
  }

  /**
   * A part file closed at a checkpoint, waiting for it to complete: {@code name} is its final name in
   * the sink's directory; until committed it is {@code name + ".pending"}. Immutable.
   */
  public record PendingPart(String name) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public SinkWriter<T> createWriter(ConnectorContext context) throws IOException {
    Path dir = Path.of(directory);
    Files.createDirectories(dir);
    for (Object restored : context.restoredState()) {
      if (!(restored instanceof PendingPart part)) {
        throw new IllegalStateException("restored text file sink state holds " + restored + ", not a pending part "
            + "file; the checkpoint belongs to a different sink, give sinks stable uids with uid(...)");
      }
      TextFileWriter.commit(dir, part);
    }
    removeAbandoned(dir, context.subtaskIndex(), context.parallelism(), context.restoredCheckpointId());
    return new TextFileWriter<>(dir, context.subtaskIndex(), Math.max(0, context.restoredCheckpointId()),
        context.restoredCheckpointId() >= 0);
  }

  /**
   * Deletes the files of the old subtasks this subtask takes over (old index mod parallelism) that no
   * checkpoint kept: in-progress files, and pending files of checkpoints after the restored one.
   */
  private static void removeAbandoned(Path dir, int subtask, int parallelism, long restoredCheckpoint)
      throws IOException {
    List<Path> abandoned = new ArrayList<>();
    try (Stream<Path> listing = Files.list(dir)) {
      listing.forEach(file -> {
        Matcher m = PART.matcher(file.getFileName().toString());
        if (!m.matches() || m.group(4) == null || Long.parseLong(m.group(1)) % parallelism != subtask) {
          return;
        }
        if (m.group(4).equals(IN_PROGRESS) || Long.parseLong(m.group(2)) > restoredCheckpoint) {
          abandoned.add(file);
        }
      });
    }
    for (Path file : abandoned) {
      Files.deleteIfExists(file);
    }
  }

  /** Moves a file into place, atomically, replacing an older attempt's file of the same name. */
  static void rename(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
