package io.tributary.api.sources;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Generates records from their index at a target rate over all subtasks, for a fixed count
 * (bounded) or without end. The indices are dealt over the subtasks in fixed splits (see {@code
 * IndexSplits}; with a parallelism dividing 128, subtask i of p makes i, i + p, i + 2p, ...), each
 * subtask at rate / p; checkpoints hold the position per split, exact after a restore at any
 * parallelism. Paced by the engine's clock: a reader ahead of schedule returns NOTHING_AVAILABLE
 * instead of sleeping, so the subtask stays responsive to timers and cancellation.
 */
public final class GeneratorSource<T> implements Source<T> {
  private static final long serialVersionUID = 1L;
  /** Records per pollNext at most, so the engine can interleave timers and watermarks. */
  static final int MAX_BATCH = 256;
  private static final long UNBOUNDED = -1;

  private final GeneratorFunction<T> function;
  private final long ratePerSecond;
  private final long count;

  private GeneratorSource(GeneratorFunction<T> function, long ratePerSecond, long count) {
    this.function = Objects.requireNonNull(function, "generator function");
    if (ratePerSecond < 0) {
      throw new IllegalArgumentException(
          "generator rate must be records per second (0 = as fast as possible), got " + ratePerSecond);
    }
    this.ratePerSecond = ratePerSecond;
    this.count = count;
  }

  /** {@code count} records at about {@code ratePerSecond} in total (0 = as fast as possible). */
  public static <T> GeneratorSource<T> bounded(GeneratorFunction<T> function, long ratePerSecond, long count) {
    if (count < 0) {
      throw new IllegalArgumentException("generator count must be zero or positive, got " + count);
    }
    return new GeneratorSource<>(function, ratePerSecond, count);
  }

  /** Records without end at about {@code ratePerSecond} in total (0 = as fast as possible). */
  public static <T> GeneratorSource<T> unbounded(GeneratorFunction<T> function, long ratePerSecond) {
    return new GeneratorSource<>(function, ratePerSecond, UNBOUNDED);
  }

  @Override
  public boolean bounded() {
    return count != UNBOUNDED;
  }

  @Override
  public SourceReader<T> createReader(ConnectorContext context) {
    return new Reader(context);
  }

  /** One subtask's share. Confined to the subtask's thread. */
  private final class Reader implements SourceReader<T> {
    private final Clock clock;
    private final double ratePerMs;
    private final IndexSplits splits;
    private long emitted;
    private long startMs = Long.MIN_VALUE;

    Reader(ConnectorContext context) {
      this.clock = context.clock();
      this.ratePerMs = ratePerSecond / 1000.0 / context.parallelism();
      boolean unbounded = count == UNBOUNDED;
      this.splits = new IndexSplits(context.subtaskIndex(), context.parallelism(),
          unbounded ? Long.MAX_VALUE : count - 1, !unbounded && count == 0, context.restoredState());
    }

    @Override
    public InputStatus pollNext(SourceOutput<T> output) throws Exception {
      if (!splits.hasNext()) {
        return InputStatus.END_OF_INPUT;
      }
      long batch = Math.min(MAX_BATCH, allowedNow() - emitted);
      for (long i = 0; i < batch && splits.hasNext(); i++) {
        output.collect(function.map(splits.next()));
        emitted++;
      }
      if (!splits.hasNext()) {
        return InputStatus.END_OF_INPUT;
      }
      return batch > 0 ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<Object> snapshotState(long checkpointId) {
      return splits.snapshot();
    }

    /** How many records this subtask may have emitted by now: one at once, then the rate. */
    private long allowedNow() {
      if (ratePerSecond == 0) {
        return Long.MAX_VALUE;
      }
      long now = clock.millis();
      if (startMs == Long.MIN_VALUE) {
        startMs = now;
      }
      return 1 + (long) ((now - startMs) * ratePerMs);
    }
  }
}
