package io.tributary.coordinator.jobs;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.zk.Registrations;
import io.tributary.proto.v1.TaskId;
import io.tributary.proto.v1.TaskReport;
import io.tributary.proto.v1.TaskStatus;
import io.tributary.common.error.Errors;
import io.tributary.common.jobs.CheckpointMetadata;
import io.tributary.proto.v1.CheckpointAck;
import io.tributary.proto.v1.CheckpointDecline;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
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
 * runs their checkpoints and savepoints, restarts them after failures (and after a leader change)
 * from their latest checkpoint, cancels and fails them. Public methods are thread-safe and hand the work to the JobManager thread;
 * everything that touches tracked jobs is confined to that thread.
 *
 * <p>One thread orders submissions, reports, cancels and worker losses without locks, and no call
 * to a worker or user code ever runs on it.
 */
public final class JobManager implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(JobManager.class);
  static final int ENDED_JOBS_KEPT = 100;
  static final String LEADER_LOST = "the coordinator that ran it lost leadership";
  /** How often checkpoint triggers, timeouts and due restarts are checked. */
  static final Duration TICK = Duration.ofMillis(100);
  private static final Duration SAVEPOINT_SLACK = Duration.ofSeconds(30);

  private final Leadership leadership;
  private final JobStore store;
  private final WorkerDirectory workers;
  private final WorkerGateway gateway;
  private final JobArtifacts artifacts;
  private final Supplier<String> selfAddress;
  private final Clock clock;
  private final Duration stopWait;
  private final JobMetrics metrics;
  private final ClassLoader jobParent;
  private final JobThread thread;
  private final Map<String, TrackedJob> jobs = new LinkedHashMap<>();
  private final Map<String, List<CompletableFuture<JobRecord>>> endWaiters = new HashMap<>();
  private long takenOverEpoch = -1;

  /**
   * @param stopWait how long subtasks of an ended or canceled job may take to confirm they stopped
   *     before their slots count as free anyway
   */
  public JobManager(Leadership leadership, JobStore store, WorkerDirectory workers, WorkerGateway gateway,
      JobArtifacts artifacts, Supplier<String> selfAddress, Clock clock, Duration stopWait, JobMetrics metrics,
      ClassLoader jobParent) {
    this.leadership = leadership;
    this.store = store;
    this.workers = workers;
    this.gateway = gateway;
    this.artifacts = artifacts;
    this.selfAddress = selfAddress;
    this.clock = clock;
    this.stopWait = stopWait;
    this.metrics = metrics;
    this.jobParent = jobParent;
    this.thread = new JobThread("job-manager", Duration.ofSeconds(30));
  }

  /** Starts watching workers and checking checkpoints and restarts. */
  public void start() {
    workers.start(worker -> execute(() -> workerLost(worker)));
    schedule(this::tick, TICK);
  }

  /** Schedules and deploys a captured job; on refusal its files are removed. */
  public JobRecord submit(SubmittedJob job) {
    return submit(job, "");
  }

  /**
   * Schedules and deploys a captured job that starts from the checkpoint or savepoint directory
   * {@code fromSavepoint} (empty: fresh, already validated); on refusal its files are removed.
   */
  public JobRecord submit(SubmittedJob job, String fromSavepoint) {
    try {
      JobRecord record = call(() -> schedule(job, fromSavepoint));
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

  private JobRecord schedule(SubmittedJob job, String fromSavepoint) {
    long epoch = leadership.requireLeader();
    ensureTakenOver(epoch);
    Map<Integer, List<Registrations.Worker>> placement = SlotPlacement.place(job.shape(), freeSlots());
    TrackedJob tracked = TrackedJob.created(job, placement, fromSavepoint, clock.millis());
    RestoreRecord restore = fromSavepoint.isEmpty() ? null : Restores.of(Path.of(fromSavepoint), clock.millis());
    tracked.restoredFrom(restore);
    store.create(tracked.snapshot());
    jobs.put(job.id(), tracked);
    publishCounts();
    LOG.info("job {} '{}' accepted: {} subtasks over workers {}{}", job.id(), job.shape().jobName(),
        job.shape().subtaskCount(), placement.values().stream().flatMap(List::stream)
            .map(Registrations.Worker::id).distinct().toList(), restore == null ? "" : ", from " + restore.path());
    deployAttempt(tracked, placement, restore, epoch);
    prune();
    return tracked.snapshot();
  }

  private List<SlotPlacement.FreeSlots> freeSlots() {
    Map<String, Integer> used = new HashMap<>();
    jobs.values().forEach(j -> j.countUsedSlots(used));
    return workers.live().stream()
        .map(w -> new SlotPlacement.FreeSlots(w, w.slots() - used.getOrDefault(w.id(), 0))).toList();
  }

  /** Deploys every subtask of the job's current attempt and starts its checkpoint coordinator. */
  private void deployAttempt(TrackedJob job, Map<Integer, List<Registrations.Worker>> placement, RestoreRecord restore,
      long epoch) {
    SubmittedJob submitted = job.submitted();
    String metadata = restore == null ? "" : Path.of(restore.path()).resolve(CheckpointMetadata.FILE).toString();
    job.startCheckpoints(new CheckpointCoordinator(job.id(), job.attempt(), epoch, submitted.shape(),
        artifacts.dir(job.id()), store, gateway, this::execute, job.history(),
        CheckpointCoordinator.placements(submitted.shape(), job.addresses()), clock.millis()));
    int attempt = job.attempt();
    for (Deployments.Deployment d : Deployments.of(submitted, placement, epoch, selfAddress.get(), attempt, metadata)) {
      gateway.deploy(d.worker().address(), d.task()).whenComplete((ok, failure) -> {
        if (failure != null) {
          execute(() -> deployFailed(job.id(), d, failure));
        }
      });
    }
  }

  private void deployFailed(String jobId, Deployments.Deployment d, Throwable failure) {
    TrackedJob job = jobs.get(jobId);
    if (job == null || d.task().getTask().getAttempt() != job.attempt()) {
      return;
    }
    TaskId task = d.task().getTask();
    String why = "deploying subtask " + task.getSubtask() + " of vertex " + task.getVertexId() + " to worker "
        + d.worker().id() + " at " + d.worker().address() + " failed: " + FailureText.summary(failure);
    TrackedJob.Slot slot = job.slot(task.getVertexId(), task.getSubtask());
    if (slot != null && !slot.state.isEnded()) {
      job.report(slot, SubtaskState.FAILED, why, clock.millis());
    }
    noteRestoreFailure(job, why);
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
      TrackedJob.Slot slot = job == null || task.getAttempt() != job.attempt() ? null : job.slot(task.getVertexId(),
          task.getSubtask());
      if (slot == null || !(report.getWorkerId().isEmpty() || report.getWorkerId().equals(slot.workerId))) {
        unknown.add(task);
        continue;
      }
      job.metrics(slot, status.getRecordsIn(), status.getRecordsOut(), status.getBackPressuredMs(),
          status.getMetricsMap());
      SubtaskState reported = SubtaskState.fromProto(status.getState());
      if (reported == SubtaskState.FAILED) {
        noteRestoreFailure(job, status.getFailure());
      }
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
      int attempt = job.attempt();
      schedule(() -> stopWaitOver(job.id(), attempt), stopWait);
    }
    if (job.state() == JobStatus.RESTARTING) {
      LOG.warn("job {} attempt {} failed; restarting: {}", job.id(), job.attempt(), FailureText.cut(
          job.snapshot().failure(), 300));
    }
    if (job.state().isTerminal()) {
      LOG.info("job {} {}", job.id(), job.state());
      prune();
    }
    if (job.state().isTerminal() && job.allEnded()) {
      List<CompletableFuture<JobRecord>> waiting = endWaiters.remove(job.id());
      if (waiting != null) {
        waiting.forEach(f -> f.complete(job.snapshot()));
      }
    }
    publishCounts();
  }

  private void stopWaitOver(String jobId, int attempt) {
    TrackedJob job = jobs.get(jobId);
    if (job != null && job.attempt() == attempt && !job.allEnded()) {
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

  /**
   * On the first leader call of a term: forget the old view; what the previous leader ran is canceled
   * everywhere and restarted from its latest checkpoint when its restart strategy allows, else FAILED.
   */
  private void ensureTakenOver(long epoch) {
    if (takenOverEpoch == epoch) {
      return;
    }
    jobs.values().forEach(j -> j.stopAttempt("this coordinator lost leadership", clock.millis()));
    jobs.clear();
    endWaiters.values().forEach(list -> list.forEach(f -> f.completeExceptionally(
        Errors.unavailable("this coordinator lost leadership while waiting for the job to end; retry"))));
    endWaiters.clear();
    List<String> orphaned = new ArrayList<>();
    for (JobRecord record : store.all()) {
      TrackedJob job = record.state().isTerminal() ? TrackedJob.restored(record) : orphan(record);
      jobs.put(job.id(), job);
      if (!record.state().isTerminal()) {
        store.update(job.snapshot());
        orphaned.add(job.id());
        LOG.warn("job {} was left running by an earlier leader; {}", job.id(),
            job.state() == JobStatus.RESTARTING ? "restarting it" : "marked " + job.state());
      }
    }
    takenOverEpoch = epoch;
    List<String> everyWorker = workers.live().stream().map(Registrations.Worker::address).toList();
    for (String jobId : orphaned) {
      cancelSubtasks(jobId, everyWorker);
    }
    prune();
    publishCounts();
  }

  /** A job an earlier leader ran: its subtasks count as stopped; it restarts if its strategy allows. */
  private TrackedJob orphan(JobRecord record) {
    SubmittedJob submitted;
    try {
      submitted = artifacts.load(record, jobParent);
    } catch (TributaryException e) {
      TrackedJob job = TrackedJob.restored(record);
      job.forceEnded(LEADER_LOST + "; " + e.getMessage(), clock.millis());
      return job;
    }
    TrackedJob job = TrackedJob.restored(record, submitted);
    job.orphaned(LEADER_LOST, clock.millis());
    return job;
  }

  private void tick() {
    try {
      if (leadership.isLeader() && takenOverEpoch >= 0) {
        long now = clock.millis();
        for (TrackedJob job : List.copyOf(jobs.values())) {
          tick(job, now);
        }
      }
    } finally {
      schedule(this::tick, TICK);
    }
  }

  private void tick(TrackedJob job, long now) {
    CheckpointCoordinator checkpoints = job.checkpoints();
    if (checkpoints != null && job.state() == JobStatus.RUNNING) {
      checkpoints.tick(now);
    }
    if (job.restartDue(now)) {
      restart(job);
    }
    if (job.historyChanged()) {
      persist(job);
    }
  }

  /** Deploys the next attempt of a failed job on free slots, from its latest usable checkpoint. */
  private void restart(TrackedJob job) {
    long epoch;
    try {
      epoch = leadership.requireLeader();
    } catch (TributaryException e) {
      return; // the next leader restarts it
    }
    long now = clock.millis();
    Map<Integer, List<Registrations.Worker>> placement;
    Restores.Choice restore;
    try {
      restore = Restores.choose(job.id(), store.read(job.id()).retained(), job.unusableCheckpoints(),
          job.fromSavepoint(), now);
      placement = SlotPlacement.place(job.submitted().shape(), freeSlots());
    } catch (TributaryException e) {
      apply(job, job.fail("cannot restart: " + e.getMessage(), now));
      return;
    }
    if (restore.unusable() != null) {
      String why = job.lastRestoreFailure().isEmpty() ? restore.unusable()
          : restore.unusable() + "; the last attempt failed with: " + job.lastRestoreFailure();
      apply(job, job.giveUp(why, now));
      return;
    }
    job.redeployed(placement, restore.restore());
    LOG.info("job {} restarts as attempt {} {}", job.id(), job.attempt(),
        restore.restore() == null ? "from scratch" : "from " + restore.restore().path());
    persist(job);
    deployAttempt(job, placement, restore.restore(), epoch);
    publishCounts();
  }

  /** A failed subtask or deployment that names the checkpoint it restored from makes that checkpoint unusable. */
  private void noteRestoreFailure(TrackedJob job, String failure) {
    RestoreRecord restore = job.history().lastRestore();
    if (restore != null && failure != null && failure.contains(restore.path())) {
      LOG.warn("job {} could not restore checkpoint {} at {}; later restarts fall back to an older one", job.id(),
          restore.checkpointId(), restore.path());
      job.restoreFailed(restore.path(), failure);
    }
  }

  /** A subtask of the current attempt acknowledged a checkpoint. */
  public void acknowledge(CheckpointAck ack) {
    leadership.requireLeader();
    execute(() -> withCheckpoints(ack.getTask(), (c, key) -> c.acknowledge(key, ack.getCheckpointId(),
        ack.getStatePath(), ack.getStateBytes(), ack.getAlignmentMs(), clock.millis())));
  }

  /** A subtask of the current attempt could not take a checkpoint. */
  public void decline(CheckpointDecline decline) {
    leadership.requireLeader();
    execute(() -> withCheckpoints(decline.getTask(), (c, key) -> c.decline(key, decline.getCheckpointId(),
        decline.getReason(), clock.millis())));
  }

  private void withCheckpoints(TaskId task, java.util.function.BiConsumer<CheckpointCoordinator,
      PendingCheckpoint.SubtaskKey> action) {
    TrackedJob job = jobs.get(task.getJobId());
    if (job == null || job.checkpoints() == null || task.getAttempt() != job.attempt()
        || job.slot(task.getVertexId(), task.getSubtask()) == null) {
      return; // an older attempt's or an ended job's answer
    }
    action.accept(job.checkpoints(), new PendingCheckpoint.SubtaskKey(task.getVertexId(), task.getSubtask()));
  }

  /**
   * Takes a savepoint of a running job under {@code dir} (empty: the default directory); with
   * {@code drain} its sources end right after it. Completes when the savepoint completed or failed.
   */
  public CompletableFuture<CompletedCheckpoint> savepoint(String jobId, String dir, boolean drain) {
    leadership.requireLeader();
    return call(() -> {
      TrackedJob job = leaderJob(jobId);
      if (job.state() != JobStatus.RUNNING || job.checkpoints() == null) {
        throw new TributaryException(ErrorCode.RESOURCE_IN_USE, "job '" + jobId + "' is " + job.state()
            + "; a savepoint needs every subtask running; check it with 'trib job describe " + jobId + "'");
      }
      Path parent = dir == null || dir.isBlank() ? artifacts.defaultSavepoints() : Path.of(dir.trim());
      CompletableFuture<CompletedCheckpoint> done = job.checkpoints().savepoint(parent, drain, clock.millis());
      persist(job);
      // The checkpoint timeout ends it by the job's clock; this bounds the wait should that clock stall.
      return done.orTimeout(job.submitted().shape().checkpoints().timeout().toMillis() + SAVEPOINT_SLACK.toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
    });
  }

  /** Completes with the job's record once it ended and every subtask stopped. */
  public CompletableFuture<JobRecord> whenEnded(String jobId) {
    return call(() -> {
      TrackedJob job = leaderJob(jobId);
      if (job.state().isTerminal() && job.allEnded()) {
        return CompletableFuture.completedFuture(job.snapshot());
      }
      CompletableFuture<JobRecord> done = new CompletableFuture<>();
      endWaiters.computeIfAbsent(jobId, k -> new ArrayList<>()).add(done);
      return done;
    });
  }

  /** The stored jar of a job, for running its main again. */
  public byte[] jar(String jobId) {
    return artifacts.readJar(JobIds.require(jobId));
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
