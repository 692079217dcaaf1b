package io.tributary.api.sources;

import java.io.Serializable;

/**
 * How far a built-in indexed source (sequence, generator, elements) got in one of its
 * 128 fixed splits: {@code emitted} records of split {@code split} were emitted.
 * Source readers snapshot one per split they own; any subtask of a rescaled job picks up the splits
 * it owns. Immutable.
 */
public record SplitPosition(int split, long emitted) implements Serializable {
  private static final long serialVersionUID = 1L;
}
