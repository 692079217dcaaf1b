package io.tributary.api.windowing;

import java.io.Serializable;

/** A group of records evaluated together; equal windows are the same group. */
public abstract class Window implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The largest timestamp that belongs to the window; the window fires when the watermark passes it. */
  public abstract long maxTimestamp();
}
