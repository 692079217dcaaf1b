package io.tributary.api.sources;

/**
 * The numbers {@code from} to {@code to}, both included. Subtask i of p emits from + i, from + i + p,
 * ... so every number is emitted once over all subtasks. Bounded.
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
    int parallelism = context.parallelism();
    long first = from + context.subtaskIndex();
    return new SourceReader<>() {
      // Offsets from 'from' keep the arithmetic overflow-free even for ranges ending at Long.MAX_VALUE.
      private long offset = first - from;
      private final long last = to - from;
      private boolean done;

      @Override
      public InputStatus pollNext(SourceOutput<Long> output) {
        for (int i = 0; i < GeneratorSource.MAX_BATCH; i++) {
          if (done || Long.compareUnsigned(offset, last) > 0) {
            return InputStatus.END_OF_INPUT;
          }
          output.collect(from + offset);
          long next = offset + parallelism;
          done = Long.compareUnsigned(next, offset) < 0;
          offset = next;
        }
        return InputStatus.MORE_AVAILABLE;
      }
    };
  }
}
