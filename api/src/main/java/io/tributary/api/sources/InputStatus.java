package io.tributary.api.sources;

public enum InputStatus {
  /** Call again at once. */
  MORE_AVAILABLE,
  /** Nothing now; the engine calls again after a short pause (at most a few ms). */
  NOTHING_AVAILABLE,
  /** The source is exhausted: the subtask finishes. */
  END_OF_INPUT
}
