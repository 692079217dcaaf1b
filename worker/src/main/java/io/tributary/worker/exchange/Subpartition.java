package io.tributary.worker.exchange;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue of batches one producing subtask holds for one consuming subtask. Thread-safe:
 * one producer thread adds, one attached consumer polls.
 *
 * <p>The bound is the back-pressure: a producer that runs ahead blocks in {@link #add} until the
 * consumer takes a batch, and that blocking is what slows a fast source to its slowest consumer.
 */
final class Subpartition {
  private final PartitionKey partition;
  private final int index;
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<ElementBatch> queue;
  private SubpartitionConsumer consumer;
  private ExchangeException released;
  private int highWaterMark;

  Subpartition(PartitionKey partition, int index, int capacity) {
    this.partition = partition;
    this.index = index;
    this.capacity = capacity;
    this.queue = new ArrayDeque<>(capacity);
  }

  int index() {
    return index;
  }

  /**
   * Appends a batch, blocking while the queue is full.
   *
   * @return nanoseconds spent blocked
   * @throws ExchangeException when the partition is released while waiting
   */
  long add(ElementBatch batch) throws InterruptedException {
    long blocked = 0;
    SubpartitionConsumer toNotify;
    lock.lock();
    try {
      checkNotReleased();
      if (queue.size() >= capacity) {
        long start = System.nanoTime();
        try {
          while (queue.size() >= capacity && released == null) {
            notFull.await(1, TimeUnit.SECONDS);
          }
        } finally {
          blocked = System.nanoTime() - start;
        }
        checkNotReleased();
      }
      queue.addLast(batch);
      highWaterMark = Math.max(highWaterMark, queue.size());
      toNotify = queue.size() == 1 ? consumer : null;
    } finally {
      lock.unlock();
    }
    if (toNotify != null) {
      toNotify.dataAvailable();
    }
    return blocked;
  }

  private void checkNotReleased() {
    if (released != null) {
      throw released;
    }
  }

  /** The oldest batch, or null when none is queued. Frees a slot for the producer. */
  ElementBatch poll() {
    lock.lock();
    try {
      ElementBatch batch = queue.pollFirst();
      if (batch != null) {
        notFull.signal();
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  boolean isEmpty() {
    lock.lock();
    try {
      return queue.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes {@code reader} the only consumer; it hears of data already queued at once.
   *
   * @throws ExchangeException when another consumer is attached or the partition was released
   */
  void attach(SubpartitionConsumer reader) {
    boolean hasData;
    lock.lock();
    try {
      checkNotReleased();
      if (consumer != null) {
        throw new ExchangeException("subpartition " + index + " of " + partition
            + " is already being read by another consumer; each consuming subtask reads its subpartition once");
      }
      consumer = reader;
      hasData = !queue.isEmpty();
    } finally {
      lock.unlock();
    }
    if (hasData) {
      reader.dataAvailable();
    }
  }

  /** Lets another consumer attach (the previous one was canceled). */
  void detach(SubpartitionConsumer reader) {
    lock.lock();
    try {
      if (consumer == reader) {
        consumer = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Drops the queued batches and fails the producer's and the consumer's waits with {@code reason}. */
  void release(ExchangeException reason) {
    SubpartitionConsumer toNotify;
    lock.lock();
    try {
      if (released != null) {
        return;
      }
      released = reason;
      queue.clear();
      notFull.signalAll();
      toNotify = consumer;
      consumer = null;
    } finally {
      lock.unlock();
    }
    if (toNotify != null) {
      toNotify.released(reason);
    }
  }

  int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** The most batches ever queued at once (tests check it never passes the capacity). */
  int highWaterMark() {
    lock.lock();
    try {
      return highWaterMark;
    } finally {
      lock.unlock();
    }
  }
}
