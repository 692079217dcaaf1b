package io.tributary.coordinator.jobs;

import io.tributary.api.graph.JobExecutors;
import io.tributary.api.graph.JobPlan;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs a job's main on a thread of its own, with the job's class loader as context loader and a
 * capturing executor installed, and returns the plan it passed to execute. Thread-safe.
 *
 * <p>A main is user code: it runs under a time bound and its failures become errors the user can act on.
 */
final class PlanCapture {
  private static final Logger LOG = LogManager.getLogger(PlanCapture.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final Duration bound;

  PlanCapture(Duration bound) {
    this.bound = bound;
  }

  JobPlan run(String jobId, Method main, String[] args, ClassLoader loader, CapturingExecutor executor) {
    String mainName = main.getDeclaringClass().getName();
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        JobExecutors.callWith(executor, () -> main.invoke(null, (Object) args));
        done.complete(null);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    }, "job-main-" + JobIds.shortId(jobId));
    thread.setDaemon(true);
    thread.setContextClassLoader(loader);
    thread.start();
    await(done, thread, mainName);
    JobPlan plan = executor.plan();
    if (plan == null) {
      throw Errors.invalid("the main method of " + mainName + " returned without calling execute(); build the job"
          + " with JobEnvironment.getExecutionEnvironment() and end main with env.execute(\"name\")");
    }
    return plan;
  }

  private void await(CompletableFuture<Void> done, Thread thread, String mainName) {
    try {
      done.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      stop(thread);
      throw Errors.invalid("the main method of " + mainName + " did not return within " + bound.toSeconds()
          + "s and was interrupted; main must only build the job and call execute(), which returns at once");
    } catch (InterruptedException e) {
      stop(thread);
      Thread.currentThread().interrupt();
      throw Errors.unavailable("interrupted while running the main method of " + mainName + "; retry");
    } catch (ExecutionException e) {
      throw mainFailed(mainName, e.getCause());
    }
  }

  private static TributaryException mainFailed(String mainName, Throwable failure) {
    Throwable user = failure instanceof InvocationTargetException ite && ite.getCause() != null
        ? ite.getCause() : failure;
    return Errors.invalid("the main method of " + mainName + " failed: " + FailureText.summary(user)
        + "; fix the job and submit it again");
  }

  private static void stop(Thread thread) {
    thread.interrupt();
    try {
      thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("job main thread {} ignores interruption and keeps running; its classes stay loaded until it ends",
          thread.getName());
    }
  }
}
