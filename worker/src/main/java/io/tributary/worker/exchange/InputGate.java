package io.tributary.worker.exchange;

import java.util.concurrent.TimeUnit;

/**
 * Every input channel of a consuming subtask. Network threads fill it; the task thread takes.
 * A channel holds at most its credit in undelivered batches, so memory stays bounded.
 */
public interface InputGate extends AutoCloseable {
  int numChannels();

  /** The head operator input (1 or 2) channel {@code channel} belongs to. */
  int inputOf(int channel);

  /**
   * The next batch of any channel, or null when none arrives within the timeout.
   *
   * @throws ExchangeException when a channel failed (producer gone, connection lost, never appeared)
   */
  Delivery poll(long timeout, TimeUnit unit) throws InterruptedException;

  /** The task is done with the batch: its channel may receive another (credit back to the producer). */
  void recycle(Delivery delivery);

  /**
   * Stops delivering batches of {@code channel} (checkpoint alignment): what it received stays in the
   * channel, within its credit, so its producer is back-pressured rather than buffered for.
   */
  void block(int channel);

  /** Delivers batches of {@code channel} again. */
  void unblock(int channel);

  @Override
  void close();
}
