package io.tributary.worker.task;

import io.tributary.api.graph.ChainedNode;
import io.tributary.api.graph.JobEdge;
import io.tributary.api.graph.JobVertex;
import io.tributary.api.sources.Source;
import io.tributary.api.sources.SourceReader;
import io.tributary.proto.v1.TaskState;
import io.tributary.worker.TaskKey;
import io.tributary.worker.exchange.CheckpointBarrier;
import io.tributary.worker.exchange.InputGate;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One subtask: its thread builds the vertex's chain, runs it to the end of its input (or until it
 * fails or is canceled), and closes it. Thread-safe: {@link #cancel()} and the metrics may be used
 * from any thread; everything else runs on the subtask's own thread.
 *
 * <p>Cancel interrupts the thread: every wait of the task (input gate, full output channel, the
 * source's pause) is interruptible, so a canceled task ends promptly without shared flags per record.
 */
public final class Task {
  private static final Logger LOG = LogManager.getLogger(Task.class);

  private final TaskSpec spec;
  private final TaskServices services;
  private final TaskListener listener;
  private final TaskMetrics metrics = new TaskMetrics();
  private final Thread thread;
  private final TaskMailbox mailbox = new TaskMailbox();
  private volatile boolean canceled;
  private volatile TaskState state = TaskState.TASK_DEPLOYING;

  public Task(TaskSpec spec, TaskServices services, TaskListener listener) {
    this.spec = spec;
    this.services = services;
    this.listener = listener;
    TaskKey key = spec.key();
    String job8 = key.jobId().substring(0, Math.min(8, key.jobId().length()));
    this.thread = new Thread(this::run, "task-" + job8 + "-" + key.vertexId() + "-" + key.subtask());
    thread.setContextClassLoader(spec.userClassLoader());
  }

  public void start() {
    thread.start();
  }

  public TaskKey key() {
    return spec.key();
  }

  public TaskState state() {
    return state;
  }

  public TaskMetrics metrics() {
    return metrics;
  }

  /**
   * Asks a source subtask to take its part of a checkpoint on its own thread, between two polls.
   *
   * @param drain end the input right after the barrier (stop with drain)
   */
  public void triggerCheckpoint(CheckpointBarrier barrier, boolean drain) {
    mailbox.put(new TaskMailbox.Trigger(barrier, drain));
  }

  /** Tells the subtask's operators (on its thread) that a checkpoint completed or was aborted. */
  public void notifyCheckpoint(long checkpointId, boolean completed) {
    mailbox.put(new TaskMailbox.Notify(checkpointId, completed));
  }

  /** Interrupts the subtask; it closes its operators and reports TASK_CANCELED. */
  public void cancel() {
    canceled = true;
    thread.interrupt();
  }

  /** Waits at most {@code millis} for the thread to end. @return whether it ended */
  public boolean join(long millis) throws InterruptedException {
    thread.join(millis);
    return !thread.isAlive();
  }

  private void run() {
    transition(TaskState.TASK_RUNNING, "");
    List<AutoCloseable> resources = new ArrayList<>();
    OperatorChain chain = null;
    Throwable failure = null;
    try {
      chain = OperatorChain.build(spec.vertex(), writers());
      TaskTimers timers = new TaskTimers(services.clock());
      chain.open(spec, timers, services, metrics.user());
      runInput(chain, timers, resources);
      chain.finish();
      chain.finishWriters();
    } catch (Throwable t) {
      failure = t;
    }
    failure = closeAll(chain, resources, failure);
    end(failure);
  }

  private void runInput(OperatorChain chain, TaskTimers timers, List<AutoCloseable> resources) throws Exception {
    JobVertex vertex = spec.vertex();
    ChainedNode head = vertex.head();
    if (vertex.isSource()) {
      if (!(head.function() instanceof Source<?> source)) {
        throw new IllegalStateException("invalid job plan: vertex '" + vertex.name() + "' has no inputs and no source");
      }
      SourceReader<?> reader = source.createReader(new TaskOperatorContext(spec, head, timers, services, metrics.user()));
      resources.add(reader);
      TaskCheckpointer checkpointer = new TaskCheckpointer(spec, chain, reader, services);
      new SourceDriver(reader, head.watermarks(), chain, timers, metrics, services.clock(), mailbox, checkpointer).run();
    } else {
      InputGate gate = services.exchange().createGate(spec.key(), spec.channels());
      resources.add(gate);
      TaskCheckpointer checkpointer = new TaskCheckpointer(spec, chain, null, services);
      new InputDriver(gate, chain, timers, metrics, mailbox, checkpointer).run();
    }
    metrics.backPressured(chain.backPressuredNanos());
  }

  private List<EdgeWriter> writers() {
    List<EdgeWriter> writers = new ArrayList<>();
    for (JobEdge edge : spec.vertex().outputs()) {
      int consumers = spec.plan().vertex(edge.targetVertex()).parallelism();
      writers.add(new EdgeWriter(services.exchange().createWriter(spec.key(), edge.outputIndex(), consumers),
          edge.partitioning(), spec.subtask(), spec.maxParallelism(), metrics));
    }
    return writers;
  }

  private static Throwable closeAll(OperatorChain chain, List<AutoCloseable> resources, Throwable failure) {
    Throwable result = failure;
    if (chain != null) {
      result = closeOne(chain::close, result);
    }
    for (AutoCloseable resource : resources) {
      result = closeOne(resource, result);
    }
    return result;
  }

  private static Throwable closeOne(AutoCloseable resource, Throwable failure) {
    try {
      resource.close();
      return failure;
    } catch (Throwable t) {
      if (failure == null) {
        return t;
      }
      failure.addSuppressed(t);
      return failure;
    }
  }

  private void end(Throwable failure) {
    if (failure == null) {
      transition(TaskState.TASK_FINISHED, "");
    } else if (canceled) {
      LOG.debug("subtask {} canceled", spec.key(), failure);
      transition(TaskState.TASK_CANCELED, "");
    } else {
      LOG.info("subtask {} of '{}' failed: {}", spec.key(), spec.vertex().name(), failure.toString());
      transition(TaskState.TASK_FAILED, Failures.describe(failure));
    }
  }

  private void transition(TaskState newState, String failure) {
    state = newState;
    listener.transition(this, newState, failure);
  }
}
