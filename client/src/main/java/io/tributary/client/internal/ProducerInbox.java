package io.tributary.client.internal;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands records and flush requests from the sending threads to a producer's sender thread, and
 * counts records not yet finished so that senders block while too many are. Thread-safe. One short
 * lock per record on the way in, one per batch on the way out.
 */
final class ProducerInbox {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final int capacity;
  private final int wakeAt;
  private final Runnable wakeSender;
  private ArrayList<Object> items = new ArrayList<>();
  private int outstanding;
  private int waiting;
  private boolean closed;

  /**
   * @param capacity records accepted and not yet finished before {@link #offer} blocks
   * @param wakeAt queue length at which the sender is woken before its linger runs out
   * @param wakeSender wakes the sender thread
   */
  ProducerInbox(int capacity, int wakeAt, Runnable wakeSender) {
    this.capacity = capacity;
    this.wakeAt = wakeAt;
    this.wakeSender = wakeSender;
  }

  /**
   * Queues a record, waiting up to {@code maxWaitNanos} for room.
   *
   * @throws TributaryException LIMIT_EXCEEDED when no room came, UNAVAILABLE when closed or interrupted
   */
  void offer(PendingRecord record, long maxWaitNanos) {
    int queued;
    lock.lock();
    try {
      if (outstanding >= capacity) {
        awaitRoom(maxWaitNanos);
      }
      if (closed) {
        throw closedError();
      }
      outstanding++;
      items.add(record);
      queued = items.size();
    } finally {
      lock.unlock();
    }
    if (queued == 1 || queued == wakeAt) {
      wakeSender.run();
    }
  }

  /** Queues a flush request behind every record queued so far. */
  void offerMarker(Object marker) {
    lock.lock();
    try {
      if (closed) {
        throw closedError();
      }
      items.add(marker);
    } finally {
      lock.unlock();
    }
    wakeSender.run();
  }

  /** Takes everything queued, leaving {@code empty} (which must be empty) in its place. */
  ArrayList<Object> swap(ArrayList<Object> empty) {
    lock.lock();
    try {
      ArrayList<Object> taken = items;
      items = empty;
      return taken;
    } finally {
      lock.unlock();
    }
  }

  boolean isEmpty() {
    lock.lock();
    try {
      return items.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /** Records {@code n} records as finished (acknowledged or failed), making room. */
  void release(int n) {
    if (n == 0) {
      return;
    }
    lock.lock();
    try {
      outstanding -= n;
      if (waiting > 0) {
        notFull.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Refuses further records and wakes blocked senders. */
  void close() {
    lock.lock();
    try {
      closed = true;
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void awaitRoom(long maxWaitNanos) {
    long nanos = maxWaitNanos;
    waiting++;
    try {
      while (outstanding >= capacity && !closed) {
        if (nanos <= 0) {
          throw new TributaryException(
              ErrorCode.LIMIT_EXCEEDED,
              "producer buffer is full: " + capacity + " records still await acknowledgement after waiting "
                  + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos) + " ms; check that the brokers are reachable, or raise"
                  + " ProducerOptions.maxBufferedRecords");
        }
        nanos = notFull.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TributaryException(ErrorCode.UNAVAILABLE, "interrupted while waiting for room in the producer buffer", e);
    } finally {
      waiting--;
    }
  }

  private static TributaryException closedError() {
    return new TributaryException(ErrorCode.UNAVAILABLE, "the producer is closed; create a new one to send more records");
  }
}
