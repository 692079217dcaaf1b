package io.tributary.coordinator.jobs;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The JobManager's one thread: runs tasks in submission order, and callers wait a bounded time for
 * results. Thread-safe.
 *
 * <p>Kept apart from the coordinator's event loop so that job work never delays an election step.
 */
final class JobThread implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(JobThread.class);

  private final ScheduledExecutorService executor;
  private final Duration callBound;

  JobThread(String name, Duration callBound) {
    this.callBound = callBound;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code task} on the thread and waits for its result, at most the call bound. */
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
      throw Errors.unavailable("the JobManager did not answer within " + callBound.toSeconds()
          + "s (ZooKeeper may be slow); check 'trib cluster status' and retry");
    } catch (InterruptedException e) {
      future.cancel(false);
      Thread.currentThread().interrupt();
      throw Errors.unavailable("interrupted while waiting for the JobManager; retry");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new TributaryException(ErrorCode.INTERNAL, "JobManager task failed: " + e.getCause(), e.getCause());
    }
  }

  void execute(Runnable task) {
    schedule(task, Duration.ZERO);
  }

  void schedule(Runnable task, Duration delay) {
    try {
      executor.schedule(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          // Nobody waits on these tasks; without this the executor would keep the failure in a future.
          LOG.error("JobManager task failed", e);
        }
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("JobManager closed; dropped a task");
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("JobManager thread did not stop within 5s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
