package io.tributary.api.sinks;

import io.tributary.api.sources.ConnectorContext;
import java.io.PrintStream;

/**
 * Prints each record's toString on its own line to standard output (or standard error). With more
 * than one subtask each line starts with "subtask> " (the 0-based subtask index), so interleaved
 * output can be told apart. Writers are confined to
 * their subtask's thread; the streams they print to are shared and synchronized by the JDK.
 */
public final class PrintSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final boolean stdErr;

  public PrintSink() {
    this(false);
  }

  public PrintSink(boolean stdErr) {
    this.stdErr = stdErr;
  }

  @Override
  public SinkWriter<T> createWriter(ConnectorContext context) {
    String prefix = context.parallelism() > 1 ? context.subtaskIndex() + "> " : "";
    PrintStream stream = stdErr ? System.err : System.out;
    return new SinkWriter<>() {
      @Override
      public void write(T value, long timestamp) {
        stream.println(prefix + value);
      }

      @Override
      public void flush(boolean endOfInput) {
        stream.flush();
      }
    };
  }
}
