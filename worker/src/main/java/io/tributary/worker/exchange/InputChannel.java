package io.tributary.worker.exchange;

/**
 * One channel of an input gate. {@link #pollNext()} and {@link #recycle()} are confined to the
 * consuming task's thread; the rest is thread-safe.
 */
interface InputChannel {
  /** Starts attaching to (local) or connecting to (remote) the producer's subpartition. */
  void start();

  /** The next batch, or null when none has arrived. */
  ElementBatch pollNext();

  boolean hasData();

  /** The task is done with one delivered batch: room for another. */
  void recycle();

  void close();
}
