package io.tributary.api.sources;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits the given values (for tests and examples), dealt over the subtasks in fixed splits (see
 * {@code IndexSplits}; with a parallelism dividing 128, subtask i of p emits elements i, i + p, ...);
 * checkpoints hold the position per split. Bounded. The values travel inside the job plan, so they
 * must be Serializable. Immutable; readers are confined to their subtask's thread.
 */
public final class ElementsSource<T> implements Source<T> {
  private static final long serialVersionUID = 1L;

  private final ArrayList<T> elements;

  public ElementsSource(List<T> elements) {
    for (T element : elements) {
      if (element == null) {
        throw new IllegalArgumentException("fromElements does not accept null values");
      }
      if (!(element instanceof Serializable)) {
        throw new IllegalArgumentException("fromElements values travel in the job plan and must be Serializable; "
            + element.getClass().getName() + " is not");
      }
    }
    this.elements = new ArrayList<>(elements);
  }

  public List<T> elements() {
    return List.copyOf(elements);
  }

  @Override
  public boolean bounded() {
    return true;
  }

  @Override
  public SourceReader<T> createReader(ConnectorContext context) {
    IndexSplits splits = new IndexSplits(context.subtaskIndex(), context.parallelism(), elements.size() - 1L,
        elements.isEmpty(), context.restoredState());
    return new SourceReader<>() {
      @Override
      public InputStatus pollNext(SourceOutput<T> output) {
        for (int i = 0; i < GeneratorSource.MAX_BATCH && splits.hasNext(); i++) {
          output.collect(elements.get((int) splits.next()));
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
