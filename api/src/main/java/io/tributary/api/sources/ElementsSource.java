package io.tributary.api.sources;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits the given values (for tests and examples). Subtask i of p emits elements i, i + p, ...
 * Bounded. The values travel inside the job plan, so they must be Serializable. Immutable;
 * readers are confined to their subtask's thread.
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
    int parallelism = context.parallelism();
    int first = context.subtaskIndex();
    return new SourceReader<>() {
      private int next = first;

      @Override
      public InputStatus pollNext(SourceOutput<T> output) {
        for (int i = 0; i < GeneratorSource.MAX_BATCH && next < elements.size(); i++) {
          output.collect(elements.get(next));
          next += parallelism;
        }
        return next < elements.size() ? InputStatus.MORE_AVAILABLE : InputStatus.END_OF_INPUT;
      }
    };
  }
}
