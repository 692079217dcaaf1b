package io.tributary.broker.internal;

import java.util.ArrayDeque;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Idle tailers of one queue, lent to one reader at a time so that reads from many threads do not
 * each create a tailer. Thread-safe.
 *
 * <p>A tailer is confined to its borrower between {@link #acquire} and {@link #release}; Chronicle's
 * own single-thread check is switched off because borrowers differ from call to call.
 */
final class TailerPool {
  private final SingleChronicleQueue queue;
  private final int maxIdle;
  private final ArrayDeque<ExcerptTailer> idle = new ArrayDeque<>();

  TailerPool(SingleChronicleQueue queue, int maxIdle) {
    this.queue = queue;
    this.maxIdle = maxIdle;
  }

  ExcerptTailer acquire() {
    synchronized (this) {
      ExcerptTailer tailer = idle.pollFirst();
      if (tailer != null) {
        return tailer;
      }
    }
    ExcerptTailer tailer = queue.createTailer();
    tailer.singleThreadedCheckDisabled(true);
    return tailer;
  }

  void release(ExcerptTailer tailer) {
    synchronized (this) {
      if (idle.size() < maxIdle) {
        idle.addFirst(tailer);
        return;
      }
    }
    tailer.close();
  }

  /** Closes the idle tailers, e.g. so that they let go of dropped cycle files. */
  synchronized void clear() {
    ExcerptTailer tailer;
    while ((tailer = idle.pollFirst()) != null) {
      tailer.close();
    }
  }
}
