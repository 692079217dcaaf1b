package io.tributary.api.sinks;

import io.tributary.api.sources.ConnectorContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes records' toString, one per line (UTF-8), to {@code part-<subtask>-0.txt} in a directory.
 * A subtask writes {@code part-<subtask>-0.txt.inprogress} and renames it when its input ends, so
 * readers only ever see complete files; a failed run leaves only in-progress files, which the
 * next run overwrites.
 */
public record TextFileSink<T>(String directory) implements Sink<T> {
  static final String IN_PROGRESS = ".inprogress";

  public TextFileSink {
    if (directory == null || directory.isBlank()) {
      throw new IllegalArgumentException("a text file sink needs a directory");
    }
  }

  public static String partFileName(int subtask) {
    return "part-" + subtask + "-0.txt";
  }

  @Override
  public SinkWriter<T> createWriter(ConnectorContext context) throws IOException {
    Path dir = Path.of(directory);
    Files.createDirectories(dir);
    Path target = dir.resolve(partFileName(context.subtaskIndex()));
    return new Writer<>(target, dir.resolve(target.getFileName() + IN_PROGRESS));
  }

  /** One subtask's part file. Confined to the subtask's thread. */
  private static final class Writer<T> implements SinkWriter<T> {
    private final Path target;
    private final Path inProgress;
    private final BufferedWriter out;
    private boolean closed;

    Writer(Path target, Path inProgress) throws IOException {
      this.target = target;
      this.inProgress = inProgress;
      this.out = Files.newBufferedWriter(inProgress, StandardCharsets.UTF_8);
    }

    @Override
    public void write(T value, long timestamp) throws IOException {
      out.write(String.valueOf(value));
      out.newLine();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      if (!endOfInput) {
        out.flush();
        return;
      }
      close();
      Files.move(inProgress, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        out.close();
      }
    }
  }
}
