package io.tributary.api.sources;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lines (UTF-8, without line terminators) of a file or of every regular file in a directory.
 * Files are sorted by name and file k goes to subtask k mod parallelism, so every line is read
 * exactly once. Hidden files, files starting with '_' and unfinished {@code .inprogress} files are
 * skipped, as are a sink's {@code .pending} files, so a directory a sink is still writing can be read
 * safely. Checkpoints hold the lines emitted per file; after a restore at any parallelism each file's
 * new owner skips them (files a finished subtask had read are not read again). Bounded.
 */
public record TextFileSource(String path) implements Source<String> {
  public TextFileSource {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("a text file source needs a file or directory path");
    }
  }

  @Override
  public boolean bounded() {
    return true;
  }

  @Override
  public SourceReader<String> createReader(ConnectorContext context) throws IOException {
    List<Path> all = files(Path.of(path));
    List<Path> mine = new ArrayList<>();
    for (int k = context.subtaskIndex(); k < all.size(); k += context.parallelism()) {
      mine.add(all.get(k));
    }
    return new Reader(mine, restoredLines(context.restoredState()));
  }

  /** Lines emitted per file path from restored state; null on a fresh start. */
  private static Map<String, Long> restoredLines(List<Object> restored) {
    if (restored.isEmpty()) {
      return null;
    }
    Map<String, Long> lines = new HashMap<>();
    for (Object entry : restored) {
      if (!(entry instanceof FilePosition position)) {
        throw new IllegalStateException("restored text source state holds " + entry + ", not a file position; the "
            + "checkpoint belongs to a different source, give sources stable uids with uid(...)");
      }
      lines.put(position.path(), position.lines());
    }
    return lines;
  }

  /** The files to read, sorted by name. */
  static List<Path> files(Path root) throws IOException {
    if (Files.isRegularFile(root)) {
      return List.of(root);
    }
    if (!Files.isDirectory(root)) {
      throw new IOException("text source path '" + root + "' is neither a file nor a directory; check the path"
          + " (it must exist on every worker, e.g. on a shared file system)");
    }
    try (Stream<Path> listing = Files.list(root)) {
      return listing.filter(Files::isRegularFile).filter(TextFileSource::visible).sorted().toList();
    }
  }

  private static boolean visible(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".") && !name.startsWith("_") && !name.endsWith(".inprogress")
        && !name.endsWith(".pending");
  }

  /**
   * Reads its files one after another, counting the lines emitted per file. Confined to the subtask's
   * thread.
   */
  private static final class Reader implements SourceReader<String> {
    private final List<Path> files;
    private final long[] emitted;
    private int nextFile;
    private BufferedReader current;

    /** @param restored lines emitted per path; a file missing there was read whole by a finished subtask */
    Reader(List<Path> files, Map<String, Long> restored) {
      this.files = files;
      this.emitted = new long[files.size()];
      for (int i = 0; i < files.size() && restored != null; i++) {
        emitted[i] = restored.getOrDefault(files.get(i).toString(), Long.MAX_VALUE);
      }
    }

    @Override
    public InputStatus pollNext(SourceOutput<String> output) throws IOException {
      for (int emittedNow = 0; emittedNow < GeneratorSource.MAX_BATCH; ) {
        if (current == null && !openNext()) {
          return InputStatus.END_OF_INPUT;
        }
        String line = current.readLine();
        if (line == null) {
          closeCurrent();
          emitted[nextFile - 1] = Long.MAX_VALUE;
        } else {
          output.collect(line);
          emitted[nextFile - 1]++;
          emittedNow++;
        }
      }
      return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public List<Object> snapshotState(long checkpointId) {
      List<Object> positions = new ArrayList<>(files.size());
      for (int i = 0; i < files.size(); i++) {
        positions.add(new FilePosition(files.get(i).toString(), emitted[i]));
      }
      return positions;
    }

    @Override
    public void close() throws IOException {
      closeCurrent();
    }

    /** Opens the next file with lines left, past the lines a checkpoint says were emitted. */
    private boolean openNext() throws IOException {
      while (nextFile < files.size()) {
        int index = nextFile++;
        if (emitted[index] == Long.MAX_VALUE) {
          continue;
        }
        current = Files.newBufferedReader(files.get(index), StandardCharsets.UTF_8);
        for (long skipped = 0; skipped < emitted[index]; skipped++) {
          if (current.readLine() == null) {
            throw new IOException("file '" + files.get(index) + "' has fewer lines than the " + emitted[index]
                + " a checkpoint says were read; it changed after the checkpoint, restore from input that is kept"
                + " unchanged");
          }
        }
        return true;
      }
      return false;
    }

    private void closeCurrent() throws IOException {
      if (current != null) {
        BufferedReader closing = current;
        current = null;
        closing.close();
      }
    }
  }
}
