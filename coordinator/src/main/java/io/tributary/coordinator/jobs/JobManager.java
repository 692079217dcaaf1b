package io.tributary.coordinator.jobs;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.zk.Registrations;
import io.tributary.proto.v1.TaskId;
import io.tributary.proto.v1.TaskReport;
import io.tributary.proto.v1.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The JobManager: schedules submitted jobs onto worker slots, deploys them, tracks their subtasks,
 * cancels and fails them. Public methods are thread-safe and hand the work to the JobManager thread;
 * everything that touches tracked jobs is confined to that thread.
 *
 * <p>One thread orders submissions, reports, cancels and worker losses without locks, and no call
 * to a worker or user code ever runs on it.
 */
public final class JobManager implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(JobManager.class);
  static final int ENDED_JOBS_KEPT = 100;
  static final String LEADER_LOST = "the coordinator that ran it lost leadership; restarts arrive with checkpointing";

  private final Leadership leadership;
  private final JobStore store;
  private final WorkerDirectory workers;
  private final WorkerGateway gateway;
  private final JobArtifacts artifacts;
  private final Supplier<String> selfAddress;
  private final Clock clock;
  private final Duration stopWait;
  private final JobMetrics metrics;
  private final JobThread thread;
  private final Map<String, TrackedJob> jobs = new LinkedHashMap<>();
  private long takenOverEpoch = -1;

  /**
   * @param stopWait how long subtasks of an ended or canceled job may take to confirm they stopped
   *     before their slots count as free anyway
   */
  public JobManager(Leadership leadership, JobStore store, WorkerDirectory workers, WorkerGateway gateway,
      JobArtifacts artifacts, Supplier<String> selfAddress, Clock clock, Duration stopWait, JobMetrics metrics) {
    this.leadership = leadership;
    this.store = store;
    this.workers = workers;
    this.gateway = gateway;
    this.artifacts = artifacts;
    this.selfAddress = selfAddress;
    this.clock = clock;
    this.stopWait = stopWait;
    this.metrics = metrics;
    this.thread = new JobThread("job-manager", Duration.ofSeconds(30));
  }

  /** Starts watching workers. */
  public void start() {
    workers.start(worker -> execute(() -> workerLost(worker)));
  }

  /** Schedules and deploys a captured job; on refusal its files are removed. */
  public JobRecord submit(SubmittedJob job) {
    try {
      JobRecord record = call(() -> schedule(job));
      metrics.submitted("accepted");
      return record;
    } catch (RuntimeException e) {
      artifacts.delete(job.id());
      if (e instanceof TributaryException refusal) {
        refused(refusal);
      }
      throw e;
    }
  }

  /** Counts a submission refused before scheduling (bad jar, failing main). */
  public void refused(TributaryException e) {
    metrics.submitted(e.code().shortName());
  }

  public JobRecord cancel(String jobId) {
    leadership.requireLeader();
    return call(() -> {
      TrackedJob job = leaderJob(jobId);
      apply(job, job.cancel(clock.millis()));
      return job.snapshot();
    });
  }

  /** Applies a worker's report; returns the tasks the worker should cancel because no job claims them. */
  public List<TaskId> report(TaskReport report) {
    leadership.requireLeader();
    return call(() -> applyReport(report));
  }

  /** Every job: the leader's live view, or ZooKeeper's on a standby. */
  public List<JobRecord> list() {
    if (!leadership.isLeader()) {
      return store.all();
    }
    return call(() -> {
      ensureTakenOver(leadership.requireLeader());
      return jobs.values().stream().map(TrackedJob::snapshot).toList();
    });
  }

  public JobRecord describe(String jobId) {
    JobIds.require(jobId);
    if (!leadership.isLeader()) {
      return store.find(jobId).orElseThrow(() -> notFound(jobId));
    }
    return call(() -> leaderJob(jobId).snapshot());
  }

  /** Called when this coordinator begins a term: fails what an earlier leader left running. */
  public void takeOver() {
    execute(() -> {
      if (leadership.isLeader()) {
        ensureTakenOver(leadership.requireLeader());
      }
    });
  }

  private JobRecord schedule(SubmittedJob job) {
    long epoch = leadership.requireLeader();
    ensureTakenOver(epoch);
    Map<String, Integer> used = new HashMap<>();
    jobs.values().forEach(j -> j.countUsedSlots(used));
    List<SlotPlacement.FreeSlots> free = workers.live().stream()
        .map(w -> new SlotPlacement.FreeSlots(w, w.slots() - used.getOrDefault(w.id(), 0))).toList();
    Map<Integer, List<Registrations.Worker>> placement = SlotPlacement.place(job.shape(), free);
    TrackedJob tracked = TrackedJob.created(job, placement, clock.millis());
    store.create(tracked.snapshot());
    jobs.put(job.id(), tracked);
    publishCounts();
    LOG.info("job {} '{}' accepted: {} subtasks over workers {}", job.id(), job.shape().jobName(),
        job.shape().subtaskCount(), placement.values().stream().flatMap(List::stream)
            .map(Registrations.Worker::id).distinct().toList());
    for (Deployments.Deployment d : Deployments.of(job, placement, epoch, selfAddress.get())) {
      gateway.deploy(d.worker().address(), d.task()).whenComplete((ok, failure) -> {
        if (failure != null) {
          execute(() -> deployFailed(job.id(), d, failure));
        }
      });
    }
    prune();
    return tracked.snapshot();
  }

  private void deployFailed(String jobId, Deployments.Deployment d, Throwable failure) {
    TrackedJob job = jobs.get(jobId);
    if (job == null) {
      return;
    }
    TaskId task = d.task().getTask();
    String why = "deploying subtask " + task.getSubtask() + " of vertex " + task.getVertexId() + " to worker "
        + d.worker().id() + " at " + d.worker().address() + " failed: " + FailureText.summary(failure);
    TrackedJob.Slot slot = job.slot(task.getVertexId(), task.getSubtask());
    if (slot != null && !slot.state.isEnded()) {
      job.report(slot, SubtaskState.FAILED, why, clock.millis());
    }
    apply(job, job.fail(why, clock.millis()));
  }

  private List<TaskId> applyReport(TaskReport report) {
    ensureTakenOver(leadership.requireLeader());
    long now = clock.millis();
    List<TaskId> unknown = new ArrayList<>();
    Map<TrackedJob, TrackedJob.Outcome> outcomes = new LinkedHashMap<>();
    for (TaskStatus status : report.getTasksList()) {
      TaskId task = status.getTask();
      TrackedJob job = jobs.get(task.getJobId());
      TrackedJob.Slot slot = job == null || task.getAttempt() != 0 ? null : job.slot(task.getVertexId(),
          task.getSubtask());
      if (slot == null || !(report.getWorkerId().isEmpty() || report.getWorkerId().equals(slot.workerId))) {
        unknown.add(task);
        continue;
      }
      job.metrics(slot, status.getRecordsIn(), status.getRecordsOut(), status.getBackPressuredMs());
      SubtaskState reported = SubtaskState.fromProto(status.getState());
      if (reported != null) {
        TrackedJob.Outcome o = job.report(slot, reported, status.getFailure(), now);
        outcomes.merge(job, o, (a, b) -> new TrackedJob.Outcome(a.changed() || b.changed(),
            a.cancelTasks() || b.cancelTasks()));
      }
      if (job.state().isTerminal() && (reported == null || !reported.isEnded())) {
        unknown.add(task); // the job ended: this subtask must stop
      }
    }
    outcomes.forEach(this::apply);
    return unknown;
  }

  private void workerLost(Registrations.Worker worker) {
    gateway.forget(worker.address());
    if (!leadership.isLeader()) {
      return;
    }
    LOG.warn("worker {} at {} was lost", worker.id(), worker.address());
    for (TrackedJob job : List.copyOf(jobs.values())) {
      apply(job, job.workerLost(worker.id(), worker.address(), clock.millis()));
    }
  }

  /** Persists, cancels and schedules the slot release that an outcome asks for. */
  private void apply(TrackedJob job, TrackedJob.Outcome outcome) {
    if (!outcome.changed()) {
      return;
    }
    persist(job);
    if (outcome.cancelTasks()) {
      cancelSubtasks(job.id(), job.workersHoldingSubtasks());
      schedule(() -> stopWaitOver(job.id()), stopWait);
    }
    if (job.state().isTerminal()) {
      LOG.info("job {} {}", job.id(), job.state());
      prune();
    }
    publishCounts();
  }

  private void stopWaitOver(String jobId) {
    TrackedJob job = jobs.get(jobId);
    if (job != null && !job.allEnded()) {
      apply(job, job.forceEnded("the worker did not confirm within " + stopWait.toSeconds()
          + "s that the subtask stopped", clock.millis()));
    }
  }

  private void cancelSubtasks(String jobId, Iterable<String> addresses) {
    long epoch;
    try {
      epoch = leadership.requireLeader();
    } catch (TributaryException e) {
      return; // a standby must not cancel: the new leader decides about this job
    }
    for (String address : addresses) {
      gateway.cancel(address, jobId, epoch).whenComplete((n, failure) -> {
        if (failure != null) {
          LOG.warn("could not cancel the subtasks of job {} on worker {}: {}", jobId, address,
              FailureText.summary(failure));
        }
      });
    }
  }

  private void persist(TrackedJob job) {
    try {
      store.update(job.snapshot());
    } catch (TributaryException e) {
      // The change stays in memory; the next change of this job writes it, a new leader re-reads ZooKeeper.
      LOG.warn("could not record job {} ({}) in ZooKeeper: {}", job.id(), job.state(), e.describe());
    }
  }

  /** On the first leader call of a term: forget the old view and fail what the previous leader ran. */
  private void ensureTakenOver(long epoch) {
    if (takenOverEpoch == epoch) {
      return;
    }
    jobs.clear();
    List<String> orphaned = new ArrayList<>();
    for (JobRecord record : store.all()) {
      TrackedJob job = TrackedJob.restored(record);
      jobs.put(job.id(), job);
      if (!record.state().isTerminal()) {
        job.forceEnded(LEADER_LOST, clock.millis());
        store.update(job.snapshot());
        orphaned.add(job.id());
      }
    }
    takenOverEpoch = epoch;
    List<String> everyWorker = workers.live().stream().map(Registrations.Worker::address).toList();
    for (String jobId : orphaned) {
      LOG.warn("job {} was left running by an earlier leader; marked FAILED", jobId);
      cancelSubtasks(jobId, everyWorker);
    }
    prune();
    publishCounts();
  }

  private void prune() {
    List<TrackedJob> ended = jobs.values().stream().filter(j -> j.state().isTerminal() && j.allEnded())
        .sorted(java.util.Comparator.comparingLong(TrackedJob::endTimeMs)).toList();
    for (int i = 0; i < ended.size() - ENDED_JOBS_KEPT; i++) {
      String id = ended.get(i).id();
      store.delete(id);
      jobs.remove(id);
      artifacts.delete(id);
    }
  }

  private void publishCounts() {
    Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
    jobs.values().forEach(j -> counts.merge(j.state(), 1, Integer::sum));
    metrics.publish(counts);
  }

  private TrackedJob leaderJob(String jobId) {
    ensureTakenOver(leadership.requireLeader());
    TrackedJob job = jobs.get(JobIds.require(jobId));
    if (job == null) {
      throw notFound(jobId);
    }
    return job;
  }

  private static TributaryException notFound(String jobId) {
    return new TributaryException(ErrorCode.RESOURCE_NOT_FOUND,
        "job '" + jobId + "' does not exist; list jobs with 'trib job list'");
  }

  private <T> T call(java.util.concurrent.Callable<T> task) {
    return thread.call(task);
  }

  private void execute(Runnable task) {
    thread.execute(task);
  }

  private void schedule(Runnable task, Duration delay) {
    thread.schedule(task, delay);
  }

  @Override
  public void close() {
    thread.close();
  }
}
