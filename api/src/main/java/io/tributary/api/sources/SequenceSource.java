package io.tributary.api.sources;

import java.util.List;

/**
 * The numbers {@code from} to {@code to}, both included. The offsets from {@code from} are dealt
 * over the subtasks in fixed splits (see {@code IndexSplits}; with a parallelism dividing 128, subtask
 * i of p emits from + i, from + i + p, ...), so every number is emitted once over all subtasks, and
 * a checkpoint holds the position per split, exact after a restore at any parallelism. Bounded.
 * Immutable; readers are confined to their subtask's thread.
 */
public record SequenceSource(long from, long to) implements Source<Long> {
  public SequenceSource {
    if (from > to) {
      throw new IllegalArgumentException("a sequence needs from <= to, got from " + from + " and to " + to);
    }
  }

  @Override
  public boolean bounded() {
    return true;
  }

  @Override
  public SourceReader<Long> createReader(ConnectorContext context) {
    // Offsets from 'from' keep the arithmetic overflow-free even for ranges ending at Long.MAX_VALUE.
    IndexSplits splits = new IndexSplits(context.subtaskIndex(), context.parallelism(), to - from, false,
        context.restoredState());
    return new SourceReader<>() {
      @Override
      public InputStatus pollNext(SourceOutput<Long> output) {
        for (int i = 0; i < GeneratorSource.MAX_BATCH && splits.hasNext(); i++) {
          output.collect(from + splits.next());
        }
        return splits.hasNext() ? InputStatus.MORE_AVAILABLE : InputStatus.END_OF_INPUT;
      }

      @Override
      public List<Object> snapshotState(long checkpointId) {
        return splits.snapshot();
      }
    };
  }
}
