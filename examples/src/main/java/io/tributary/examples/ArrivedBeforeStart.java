package io.tributary.examples;

import io.tributary.api.connectors.StreamSource;
import io.tributary.api.sources.ConnectorContext;
import io.tributary.api.sources.InputStatus;
import io.tributary.api.sources.Source;
import io.tributary.api.sources.SourceOutput;
import io.tributary.api.sources.SourceReader;
import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream read up to the job's start: the records that arrived before it, then the end of input.
 * Bounded, so a job over it finishes (and end-of-input timers fire).
 * <p>A stream source reader stamps each record with its arrival time, and arrival times only grow
 * within a shard, so a record that arrived after the start means its shard is read up to the
 * start. The input ends once every poll for {@code quietMillis} brought nothing older than the
 * start: the reader takes its shards in turns, so a shard that still had older records would have
 * broken that run. The start is kept in checkpoints, so a restarted job reads the same records.
 */
public record ArrivedBeforeStart<T>(StreamSource<T> stream, long quietMillis) implements Source<T> {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean bounded() {
    return true;
  }

  @Override
  public SourceReader<T> createReader(ConnectorContext context) throws Exception {
    long start = context.clock().millis();
    List<Object> theirs = new ArrayList<>();
    boolean restored = false;
    for (Object entry : context.restoredState()) {
      if (entry instanceof Start s) {
        start = restored ? Math.min(start, s.millis()) : s.millis();
        restored = true;
      } else {
        theirs.add(entry);
      }
    }
    SourceReader<T> reader = stream.createReader(new RestoredAs(context, theirs));
    return new Reader<>(reader, start, quietMillis, context.clock());
  }

  /** The job's start in source state, beside the stream reader's positions. */
  record Start(long millis) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Reads through the stream reader and drops what arrived after the start. Confined to the subtask's thread. */
  private static final class Reader<T> implements SourceReader<T>, SourceOutput<T> {
    private final SourceReader<T> stream;
    private final long start;
    private final long quietMillis;
    private final Clock clock;
    private SourceOutput<T> output;
    private int older;
    private long quietSince = -1;

    Reader(SourceReader<T> stream, long start, long quietMillis, Clock clock) {
      this.stream = stream;
      this.start = start;
      this.quietMillis = quietMillis;
      this.clock = clock;
    }

    @Override
    public InputStatus pollNext(SourceOutput<T> out) throws Exception {
      output = out;
      older = 0;
      InputStatus status = stream.pollNext(this);
      if (status == InputStatus.END_OF_INPUT) {
        return status;
      }
      long now = clock.millis();
      if (older > 0) {
        quietSince = -1;
      } else if (quietSince < 0) {
        quietSince = now;
      } else if (now - quietSince >= quietMillis) {
        return InputStatus.END_OF_INPUT;
      }
      return status;
    }

    @Override
    public void collect(T value) {
      older++;
      output.collect(value);
    }

    @Override
    public void collect(T value, long timestamp) {
      if (timestamp <= start) {
        older++;
        output.collect(value, timestamp);
      }
    }

    @Override
    public List<Object> snapshotState(long checkpointId) throws Exception {
      List<Object> state = new ArrayList<>(stream.snapshotState(checkpointId));
      state.add(new Start(start));
      return state;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
      stream.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void close() throws Exception {
      stream.close();
    }
  }

  /** The subtask's context, with the stream reader's own restored entries only. */
  private record RestoredAs(ConnectorContext context, List<Object> restored) implements ConnectorContext {
    @Override
    public int subtaskIndex() {
      return context.subtaskIndex();
    }

    @Override
    public int parallelism() {
      return context.parallelism();
    }

    @Override
    public Clock clock() {
      return context.clock();
    }

    @Override
    public ClassLoader userClassLoader() {
      return context.userClassLoader();
    }

    @Override
    public <C> C connector(Class<C> type) {
      return context.connector(type);
    }

    @Override
    public List<Object> restoredState() {
      return restored;
    }

    @Override
    public long restoredCheckpointId() {
      return context.restoredCheckpointId();
    }

    @Override
    public String jobId() {
      return context.jobId();
    }
  }
}
