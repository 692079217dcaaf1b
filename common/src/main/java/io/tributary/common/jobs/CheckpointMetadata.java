package io.tributary.common.jobs;

import io.tributary.common.stream.MetadataJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The {@code _metadata} file of a completed checkpoint or savepoint directory: which state file holds
 * which subtask's operators. Written by the coordinator once every subtask acknowledged; read by
 * workers to restore. File names are relative to the directory, so a savepoint can be moved.
 * Immutable.
 *
 * @param maxParallelism the job's key groups; a restore needs the same number
 */
public record CheckpointMetadata(
    String jobId, long checkpointId, long timestampMs, boolean savepoint, int maxParallelism, List<SubtaskState> subtasks) {
  public static final String FILE = "_metadata";

  public CheckpointMetadata {
    subtasks = List.copyOf(subtasks);
  }

  /**
   * One subtask's state file.
   *
   * @param uids the operators (ChainedNode uids) whose state the file holds
   * @param file the file name within the checkpoint directory
   */
  public record SubtaskState(int vertexId, int subtask, int parallelism, List<String> uids, String file, long bytes) {
    public SubtaskState {
      uids = List.copyOf(uids);
    }
  }

  /** Writes {@code dir/_metadata} atomically (temp file, then rename), so a reader never sees half of it. */
  public void write(Path dir) {
    try {
      Path temp = dir.resolve(FILE + ".tmp");
      Files.write(temp, MetadataJson.write(this));
      Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint metadata in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a checkpoint's metadata from its directory or its {@code _metadata} file.
   *
   * @throws IllegalArgumentException naming the file when it is missing or unreadable
   */
  public static CheckpointMetadata read(Path dirOrFile) {
    Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE) : dirOrFile;
    try {
      return MetadataJson.read(Files.readAllBytes(file), CheckpointMetadata.class);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("checkpoint metadata " + file + " does not exist; "
          + "give the directory of a completed checkpoint or savepoint", e);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException("checkpoint metadata " + file + " is unreadable or corrupt: " + e.getMessage(), e);
    }
  }

  /** The directory the state files live in, for a metadata file path. */
  public static Path directoryOf(Path metadataFile) {
    return Files.isDirectory(metadataFile) ? metadataFile : metadataFile.getParent();
  }
}
