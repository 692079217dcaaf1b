package io.tributary.worker.exchange;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The result partitions of the subtasks running on one worker, and the readers waiting for a
 * partition that is not registered yet. Thread-safe.
 *
 * <p>Consumers are deployed at the same time as producers, in any order, so a reader may ask for a
 * partition before its producer exists; it waits a bounded time instead of failing at once.
 */
final class PartitionRegistry {
  private final String localAddress;
  private final ScheduledExecutorService timer;
  private final ConcurrentHashMap<PartitionKey, CompletableFuture<ResultPartition>> partitions =
      new ConcurrentHashMap<>();

  PartitionRegistry(String localAddress, ScheduledExecutorService timer) {
    this.localAddress = localAddress;
    this.timer = timer;
  }

  ResultPartition register(PartitionKey key, int numSubpartitions, int queueCapacity) {
    ResultPartition partition = new ResultPartition(key, numSubpartitions, queueCapacity);
    CompletableFuture<ResultPartition> slot = partitions.computeIfAbsent(key, k -> new CompletableFuture<>());
    if (!slot.complete(partition)) {
      throw new ExchangeException("result partition " + key + " is already registered on worker " + localAddress
          + "; a subtask attempt creates each output writer once");
    }
    return partition;
  }

  /** The partition if registered (for tests and diagnostics). */
  ResultPartition find(PartitionKey key) {
    CompletableFuture<ResultPartition> slot = partitions.get(key);
    return slot == null || !slot.isDone() || slot.isCompletedExceptionally() ? null : slot.join();
  }

  /**
   * Calls {@code callback} once: with the partition when it is registered, or with an error when it
   * is not within {@code timeout} or its job is released first.
   */
  void await(PartitionKey key, Duration timeout, BiConsumer<ResultPartition, ExchangeException> callback) {
    CompletableFuture<ResultPartition> slot = partitions.computeIfAbsent(key, k -> new CompletableFuture<>());
    AtomicBoolean called = new AtomicBoolean();
    ScheduledFuture<?> expiry;
    try {
      expiry = timer.schedule(
          () -> {
            if (called.compareAndSet(false, true)) {
              callback.accept(null, notRegistered(key, timeout));
            }
          },
          timeout.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      callback.accept(null, new ExchangeException("the exchange of worker " + localAddress
          + " is shutting down; " + key + " will not be served", e));
      return;
    }
    slot.whenComplete(
        (partition, error) -> {
          if (called.compareAndSet(false, true)) {
            expiry.cancel(false);
            callback.accept(partition, error == null ? null : asExchange(error));
          }
        });
  }

  private ExchangeException notRegistered(PartitionKey key, Duration timeout) {
    return new ExchangeException("producer " + key + " did not register on worker " + localAddress + " within "
        + timeout.toMillis() + " ms; the producing subtask failed to deploy or was canceled (see 'trib job describe')");
  }

  private static ExchangeException asExchange(Throwable error) {
    Throwable cause = error.getCause() != null && !(error instanceof ExchangeException) ? error.getCause() : error;
    return cause instanceof ExchangeException e ? e : new ExchangeException(String.valueOf(cause), cause);
  }

  /** Releases every partition of the job and fails its waiting readers. */
  void releaseJob(String jobId, String why) {
    release(key -> key.producer().jobId().equals(jobId), why);
  }

  void releaseAll(String why) {
    release(key -> true, why);
  }

  private void release(Predicate<PartitionKey> which, String why) {
    Iterator<Map.Entry<PartitionKey, CompletableFuture<ResultPartition>>> it = partitions.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<PartitionKey, CompletableFuture<ResultPartition>> entry = it.next();
      if (which.test(entry.getKey())) {
        it.remove();
        ExchangeException reason = new ExchangeException("result partition " + entry.getKey() + " on worker "
            + localAddress + " was released: " + why);
        if (!entry.getValue().completeExceptionally(reason)) {
          entry.getValue().join().release(reason);
        }
      }
    }
  }
}
