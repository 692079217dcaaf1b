package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The coordinator event loop: one thread on which every leader-side change and every election
 * transition runs, in submission order. Thread-safe.
 *
 * <p>One thread serializes concurrent create/delete requests without locks, and makes "am I still the
 * leader" and "write the change" one uninterrupted step with respect to election events.
 */
final class EventLoop implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(EventLoop.class);

  private final ScheduledExecutorService executor;
  private final Duration callBound;

  EventLoop(String threadName, Duration callBound) {
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    this.callBound = callBound;
  }

  /** An executor that runs tasks on the loop and logs what they throw. */
  Executor executor() {
    return this::execute;
  }

  void execute(Runnable task) {
    try {
      executor.execute(guarded(task));
    } catch (RejectedExecutionException e) {
      LOG.debug("event loop closed; dropped a task");
    }
  }

  void schedule(Runnable task, Duration delay) {
    try {
      executor.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("event loop closed; dropped a scheduled task");
    }
  }

  /** Runs {@code task} on the loop and waits for its result, at most the call bound. */
  <T> T call(Callable<T> task) {
    Future<T> future;
    try {
      future = executor.submit(task);
    } catch (RejectedExecutionException e) {
      throw Errors.unavailable("this coordinator is shutting down; retry against another coordinator");
    }
    try {
      return future.get(callBound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw Errors.unavailable("the coordinator did not finish the request within " + callBound.toSeconds()
          + "s (ZooKeeper may be slow or unreachable); check 'trib cluster status' and retry");
    } catch (InterruptedException e) {
      future.cancel(false);
      Thread.currentThread().interrupt();
      throw Errors.unavailable("interrupted while waiting for the coordinator; retry");
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    }
  }

  private static RuntimeException rethrowable(Throwable cause) {
    if (cause instanceof RuntimeException re) {
      return re;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new TributaryException(ErrorCode.INTERNAL, "coordinator task failed: " + cause, cause);
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // Nobody waits on these tasks; without this the executor would keep the failure in a future.
        LOG.error("coordinator event loop task failed", e);
      }
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("coordinator event loop did not stop within 5s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
