package io.tributary.api.sources;

import java.io.Serializable;

/**
 * How far a text file source got in one file: its first {@code lines} lines were emitted. Readers
 * snapshot one per file they own; after a restore, at any parallelism, the subtask that owns the
 * file skips that many lines. Immutable.
 */
public record FilePosition(String path, long lines) implements Serializable {
  private static final long serialVersionUID = 1L;
}
