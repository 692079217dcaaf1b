package io.tributary.worker.exchange;

/**
 * Writes one output edge of a producing subtask into its result partition, one channel per
 * consuming subtask. Blocks the calling task thread while the channel's queue is full
 * (back-pressure), counting the time. Confined to the producing task's thread.
 */
public interface RecordWriter {
  int numChannels();

  void emit(Object value, long timestamp, int channel) throws InterruptedException;

  void broadcast(Object value, long timestamp) throws InterruptedException;

  void broadcastWatermark(long watermark) throws InterruptedException;

  void broadcastIdle(boolean idle) throws InterruptedException;

  /**
   * Sends a checkpoint barrier on every channel, after everything emitted before it, and hands the
   * batches over at once so that downstream alignment is not delayed by a half-empty batch.
   */
  void broadcastBarrier(CheckpointBarrier barrier) throws InterruptedException;

  /** Hands partially filled batches to their consumers (before the task waits, so low traffic is not delayed). */
  void flush() throws InterruptedException;

  /** Ends every channel (END_OF_PARTITION) and flushes. */
  void finish() throws InterruptedException;

  /** Total time the task spent blocked on full channels. */
  long backPressuredNanos();
}
