package io.tributary.worker.internal;

import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.InputLocations;
import io.tributary.proto.v1.TaskDeployment;
import io.tributary.proto.v1.TaskState;
import io.tributary.proto.v1.NotifyCheckpointRequest;
import io.tributary.proto.v1.TriggerCheckpointRequest;
import io.tributary.worker.TaskKey;
import io.tributary.worker.checkpoint.RestoreLoader;
import io.tributary.worker.checkpoint.TaskRestore;
import io.tributary.worker.exchange.CheckpointBarrier;
import io.tributary.worker.exchange.ChannelSpec;
import io.tributary.worker.exchange.KryoCodecRegistry;
import io.tributary.worker.report.TaskReporter;
import io.tributary.worker.task.InputChannels;
import io.tributary.worker.task.Task;
import io.tributary.worker.task.TaskServices;
import io.tributary.worker.task.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Deploys and cancels subtasks and keeps what each job needs on this worker (class loader, codec,
 * partitions) until its last subtask here has ended. Thread-safe.
 *
 * <p>A finished job's resources linger a while: consumers on other workers may still be reading the
 * last batches of its result partitions. A failed or canceled job is released at once.
 */
final class WorkerJobs implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(WorkerJobs.class);

  private final TaskTable table;
  private final TaskReporter reporter;
  private final JobArtifacts artifacts;
  private final KryoCodecRegistry codecs;
  private final TaskServices services;
  private final Consumer<String> releaseExchange;
  private final ScheduledExecutorService scheduler;
  private final Duration finishedLinger;
  private final AtomicLong highestEpoch = new AtomicLong(Long.MIN_VALUE);
  private final Map<String, JobEntry> jobs = new HashMap<>();

  /** What one job holds on this worker. Guarded by its own monitor for loading, else by WorkerJobs. */
  private static final class JobEntry {
    final String jobId;
    JobLoaders loaders;
    boolean unsuccessful;

    JobEntry(String jobId) {
      this.jobId = jobId;
    }
  }

  WorkerJobs(TaskTable table, TaskReporter reporter, JobArtifacts artifacts, KryoCodecRegistry codecs,
      TaskServices services, Consumer<String> releaseExchange,
      ScheduledExecutorService scheduler, Duration finishedLinger) {
    this.table = table;
    this.reporter = reporter;
    this.artifacts = artifacts;
    this.codecs = codecs;
    this.services = services;
    this.releaseExchange = releaseExchange;
    this.scheduler = scheduler;
    this.finishedLinger = finishedLinger;
  }

  void deploy(TaskDeployment deployment) {
    checkEpoch(deployment.getEpoch(), "deployment");
    TaskKey key = TaskKey.of(deployment.getTask());
    if (key.jobId().isEmpty()) {
      throw Errors.invalid("a deployment needs a task id with a job id");
    }
    reporter.coordinatorHint(deployment.getCoordinatorAddress());
    table.reserve(key);
    try {
      JobLoaders loaders = loaders(key.jobId(), deployment.getCoordinatorAddress());
      JobPlan plan = loaders.readPlan(deployment.getPlan().toByteArray());
      JobVertex vertex = vertexOf(plan, key);
      List<ChannelSpec> channels = channels(deployment, plan, vertex, key);
      TaskRestore restore = restore(deployment, plan, vertex, key, loaders.loader());
      Task task = new Task(new TaskSpec(key, plan, vertex, channels, loaders.loader(), restore), services,
          this::transition);
      table.set(key, task);
      task.start();
      LOG.info("deployed subtask {} of '{}' ({})", key, vertex.name(), plan.jobName());
    } catch (RuntimeException e) {
      table.free(key);
      scheduleRelease(key.jobId(), Duration.ZERO);
      throw e;
    }
  }

  private static TaskRestore restore(TaskDeployment d, JobPlan plan, JobVertex vertex, TaskKey key, ClassLoader loader) {
    if (d.getRestoreMetadata().isEmpty()) {
      return TaskRestore.NONE;
    }
    try {
      return RestoreLoader.load(d.getRestoreMetadata(), vertex, key.subtask(), plan.maxParallelism(), loader);
    } catch (IllegalArgumentException e) {
      throw Errors.invalid("cannot restore subtask " + key + " of '" + vertex.name() + "': " + e.getMessage());
    }
  }

  /** Hands a checkpoint trigger to the source subtask; a subtask not (or no longer) here is skipped. */
  void triggerCheckpoint(TriggerCheckpointRequest request) {
    checkEpoch(request.getEpoch(), "checkpoint trigger");
    TaskKey key = TaskKey.of(request.getTask());
    Task task = table.task(key);
    if (task == null) {
      LOG.info("ignored the trigger of checkpoint {} for subtask {}: it does not run on this worker (ended or "
          + "never deployed)", request.getCheckpointId(), key);
      return;
    }
    task.triggerCheckpoint(new CheckpointBarrier(request.getCheckpointId(), request.getTimestampMs(),
        request.getDir(), request.getSavepoint()), request.getDrain());
  }

  /** Tells every subtask of the job's attempt here that a checkpoint completed or was aborted. @return how many */
  int notifyCheckpoint(NotifyCheckpointRequest request) {
    checkEpoch(request.getEpoch(), "checkpoint notification");
    int told = 0;
    for (Task task : table.tasksOf(request.getJobId())) {
      if (task.key().attempt() == request.getAttempt()) {
        task.notifyCheckpoint(request.getCheckpointId(), request.getCompleted());
        told++;
      }
    }
    return told;
  }

  /** Cancels every subtask of the job here; its resources go once they have ended. */
  int cancelJob(String jobId, long epoch) {
    checkEpoch(epoch, "cancel");
    synchronized (this) {
      JobEntry entry = jobs.get(jobId);
      if (entry != null) {
        entry.unsuccessful = true;
      }
    }
    List<Task> tasks = table.tasksOf(jobId);
    tasks.forEach(Task::cancel);
    scheduleRelease(jobId, Duration.ZERO);
    return tasks.size();
  }

  private void checkEpoch(long epoch, String what) {
    long highest = highestEpoch.accumulateAndGet(epoch, Math::max);
    if (epoch < highest) {
      throw new TributaryException(ErrorCode.NOT_LEADER,
          "refused a " + what + " from coordinator epoch " + epoch + ": this worker already follows epoch " + highest
              + "; a newer leader is in charge");
    }
  }

  private JobLoaders loaders(String jobId, String coordinatorAddress) {
    JobEntry entry;
    synchronized (this) {
      entry = jobs.computeIfAbsent(jobId, JobEntry::new);
    }
    synchronized (entry) {
      if (entry.loaders == null) {
        JobLoaders loaders = new JobLoaders(jobId, artifacts.fetch(jobId, coordinatorAddress),
            WorkerJobs.class.getClassLoader());
        codecs.register(jobId, loaders.loader());
        entry.loaders = loaders;
      }
      return entry.loaders;
    }
  }

  private static JobVertex vertexOf(JobPlan plan, TaskKey key) {
    JobVertex vertex;
    try {
      vertex = plan.vertex(key.vertexId());
    } catch (IllegalArgumentException e) {
      throw Errors.invalid(e.getMessage() + "; the deployment names a vertex its plan does not have");
    }
    if (key.subtask() < 0 || key.subtask() >= vertex.parallelism()) {
      throw Errors.invalid("subtask " + key.subtask() + " is out of range for vertex '" + vertex.name()
          + "' of parallelism " + vertex.parallelism());
    }
    return vertex;
  }

  private static List<ChannelSpec> channels(TaskDeployment d, JobPlan plan, JobVertex vertex, TaskKey key) {
    if (d.getInputsCount() != vertex.inputs().size()) {
      throw Errors.invalid("the deployment of " + key + " locates " + d.getInputsCount() + " inputs, but vertex '"
          + vertex.name() + "' has " + vertex.inputs().size());
    }
    List<List<String>> addresses = new ArrayList<>();
    for (InputLocations where : d.getInputsList()) {
      addresses.add(where.getProducerAddressesList());
    }
    try {
      return InputChannels.of(plan, vertex, key, addresses);
    } catch (IllegalArgumentException e) {
      throw Errors.invalid(e.getMessage());
    }
  }

  private void transition(Task task, TaskState state, String failure) {
    reporter.report(TaskTable.status(task, state, failure));
    if (state == TaskState.TASK_FINISHED || state == TaskState.TASK_FAILED || state == TaskState.TASK_CANCELED) {
      String jobId = task.key().jobId();
      boolean unsuccessful;
      synchronized (this) {
        JobEntry entry = jobs.get(jobId);
        if (entry != null && state != TaskState.TASK_FINISHED) {
          entry.unsuccessful = true;
        }
        unsuccessful = entry == null || entry.unsuccessful;
      }
      table.free(task.key());
      scheduleRelease(jobId, unsuccessful ? Duration.ZERO : finishedLinger);
    }
  }

  private void scheduleRelease(String jobId, Duration delay) {
    if (scheduler.isShutdown()) {
      return;
    }
    scheduler.schedule(() -> releaseIfIdle(jobId), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Releases the job unless a subtask of it runs here again (a later deployment). */
  private void releaseIfIdle(String jobId) {
    JobEntry entry;
    synchronized (this) {
      if (table.hasJob(jobId)) {
        return;
      }
      entry = jobs.remove(jobId);
    }
    if (entry != null) {
      release(entry);
    }
  }

  private void release(JobEntry entry) {
    releaseExchange.accept(entry.jobId);
    codecs.unregister(entry.jobId);
    try {
      if (entry.loaders != null) {
        entry.loaders.close();
      }
      artifacts.delete(entry.jobId);
    } catch (java.io.IOException e) {
      LOG.warn("could not remove the jar of released job {}: {}", entry.jobId, e.toString());
    }
    LOG.info("released job {}", entry.jobId);
  }

  /** Cancels every subtask, waits a bounded time for them to end, and releases every job. */
  @Override
  public void close() {
    List<Task> tasks = table.tasks();
    tasks.forEach(Task::cancel);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (Task task : tasks) {
      try {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || !task.join(left)) {
          LOG.warn("subtask {} did not end within 10s of being canceled", task.key());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<JobEntry> entries;
    synchronized (this) {
      entries = new ArrayList<>(jobs.values());
      jobs.clear();
    }
    entries.forEach(this::release);
  }
}
