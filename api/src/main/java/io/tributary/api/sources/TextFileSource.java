package io.tributary.api.sources;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lines (UTF-8, without line terminators) of a file or of every regular file in a directory.
 * Files are sorted by name and file k goes to subtask k mod parallelism, so every line is read
 * exactly once. Hidden files, files starting with '_' and unfinished {@code .inprogress} files are
 * skipped, so a directory a sink is still writing can be read safely. Bounded.
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
    return new Reader(mine);
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
    return !name.startsWith(".") && !name.startsWith("_") && !name.endsWith(".inprogress");
  }

  /** Reads its files one after another. Confined to the subtask's thread. */
  private static final class Reader implements SourceReader<String> {
    private final List<Path> files;
    private int nextFile;
    private BufferedReader current;

    Reader(List<Path> files) {
      this.files = files;
    }

    @Override
    public InputStatus pollNext(SourceOutput<String> output) throws IOException {
      for (int emitted = 0; emitted < GeneratorSource.MAX_BATCH; ) {
        if (current == null) {
          if (nextFile == files.size()) {
            return InputStatus.END_OF_INPUT;
          }
          current = Files.newBufferedReader(files.get(nextFile++), StandardCharsets.UTF_8);
        }
        String line = current.readLine();
        if (line == null) {
          closeCurrent();
        } else {
          output.collect(line);
          emitted++;
        }
      }
      return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public void close() throws IOException {
      closeCurrent();
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
