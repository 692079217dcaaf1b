package io.tributary.worker.exchange;

/**
 * The one reader attached to a subpartition: a local input channel or a remote sender. Called from
 * the producing task's thread (or whichever thread releases the partition), never under the
 * subpartition's lock, so implementations may take their own locks.
 */
interface SubpartitionConsumer {
  /** The queue went from empty to not empty. */
  void dataAvailable();

  /** The partition was dropped (job released or worker closing): nothing more will arrive. */
  void released(ExchangeException reason);
}
