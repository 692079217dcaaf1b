package io.tributary.coordinator.jobs;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.zk.Registrations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One job's life as the leader tracks it: its {@link JobStatus}, the current attempt's subtasks
 * (state, placement, counters, user metrics), its restarts and checkpoint history, and the rules
 * that move the job when subtasks report, fail, or are canceled. Confined to the JobManager thread.
 *
 * <p>All job transitions happen here and are checked against {@link JobStatus#canMoveTo}, so the
 * rest of the JobManager only acts on the {@link Outcome} (persist, cancel tasks, answer "unknown").
 * Counters and user metrics are the latest a subtask of the current attempt reported: a restart
 * places new subtasks whose counts start again at 0, since a worker's counters live as long as its
 * subtask (state restored from a checkpoint does not carry them).
 */
final class TrackedJob {
  /** What a caller must do after an event: persist the job, cancel its running subtasks. */
  record Outcome(boolean changed, boolean cancelTasks) {
    static final Outcome NONE = new Outcome(false, false);
    static final Outcome CHANGED = new Outcome(true, false);
    static final Outcome CANCEL = new Outcome(true, true);
  }

  /** A subtask's mutable view. */
  static final class Slot {
    final int subtask;
    final String workerId;
    final String workerAddress;
    SubtaskState state;
    String failure = "";
    long recordsIn;
    long recordsOut;
    long backPressuredMs;
    /** User metrics as last reported by this attempt's subtask (a new attempt gets new slots). */
    Map<String, Long> metrics = Map.of();

    Slot(int subtask, String workerId, String workerAddress, SubtaskState state) {
      this.subtask = subtask;
      this.workerId = workerId;
      this.workerAddress = workerAddress;
      this.state = state;
    }
  }

  private record Vertex(int id, String name, int parallelism, List<Slot> slots) {}

  private final String id;
  private final String name;
  private final long submitTimeMs;
  private final int parallelism;
  private final int maxParallelism;
  private final SubmittedJob submitted;
  private final RestartBackoff backoff;
  private final CheckpointHistory history;
  private final String fromSavepoint;
  private final String mainClass;
  private final List<String> args;
  private final java.util.Set<String> unusableCheckpoints = new java.util.HashSet<>();
  private String lastRestoreFailure = "";
  private List<Vertex> vertices;
  private int attempt;
  private int restarts;
  private boolean awaitingRedeploy;
  private long persistedHistory;
  private long restartAtMs;
  private CheckpointCoordinator checkpoints;
  private JobStatus state;
  private long runningTimeMs;
  private long endTimeMs;
  private String failure = "";

  private TrackedJob(JobRecord record, List<Vertex> vertices, SubmittedJob submitted) {
    this.submitted = submitted;
    this.backoff = submitted == null ? null : new RestartBackoff(submitted.shape().restartStrategy());
    this.history = new CheckpointHistory(record.checkpoints(), record.lastRestore());
    this.fromSavepoint = record.fromSavepoint();
    this.mainClass = record.mainClass();
    this.args = record.args();
    this.attempt = record.attempt();
    this.restarts = record.restarts();
    this.id = record.id();
    this.name = record.name();
    this.submitTimeMs = record.submitTimeMs();
    this.parallelism = record.parallelism();
    this.maxParallelism = record.maxParallelism();
    this.vertices = vertices;
    this.state = record.state();
    this.runningTimeMs = record.runningTimeMs();
    this.endTimeMs = record.endTimeMs();
    this.failure = record.failure();
  }

  /** A new job in CREATED with every subtask DEPLOYING on its placed worker. */
  static TrackedJob created(SubmittedJob job, Map<Integer, List<Registrations.Worker>> placement, long now) {
    return created(job, placement, "", now);
  }

  /** A new job that starts from the checkpoint or savepoint directory {@code fromSavepoint} (empty: fresh). */
  static TrackedJob created(SubmittedJob job, Map<Integer, List<Registrations.Worker>> placement,
      String fromSavepoint, long now) {
    JobRecord record = new JobRecord(job.id(), job.shape().jobName(), JobStatus.CREATED, now, 0, 0,
        job.parallelism(), job.maxParallelism(), "", List.of(), 0, 0, List.of(), null, fromSavepoint, job.mainClass(),
        job.args());
    return new TrackedJob(record, placed(job.shape(), placement), job);
  }

  private static List<Vertex> placed(PlanShape shape, Map<Integer, List<Registrations.Worker>> placement) {
    List<Vertex> vertices = new ArrayList<>();
    for (PlanShape.VertexShape v : shape.vertices()) {
      List<Slot> slots = new ArrayList<>(v.parallelism());
      List<Registrations.Worker> workers = placement.get(v.id());
      for (int i = 0; i < v.parallelism(); i++) {
        slots.add(new Slot(i, workers.get(i).id(), workers.get(i).address(), SubtaskState.DEPLOYING));
      }
      vertices.add(new Vertex(v.id(), v.name(), v.parallelism(), slots));
    }
    return vertices;
  }

  /** A job read back from ZooKeeper; {@code submitted} is its stored plan (null: it will not run again). */
  static TrackedJob restored(JobRecord record, SubmittedJob submitted) {
    return new TrackedJob(record, restoredVertices(record), submitted);
  }

  static TrackedJob restored(JobRecord record) {
    return restored(record, null);
  }

  private static List<Vertex> restoredVertices(JobRecord record) {
    List<Vertex> vertices = new ArrayList<>();
    for (JobRecord.Vertex v : record.vertices()) {
      List<Slot> slots = new ArrayList<>();
      for (JobRecord.Subtask s : v.subtasks()) {
        Slot slot = new Slot(s.subtask(), s.workerId(), s.workerAddress(), s.state());
        slot.failure = s.failure();
        slot.recordsIn = s.recordsIn();
        slot.recordsOut = s.recordsOut();
        slot.backPressuredMs = s.backPressuredMs();
        slot.metrics = s.metrics();
        slots.add(slot);
      }
      vertices.add(new Vertex(v.id(), v.name(), v.parallelism(), slots));
    }
    return vertices;
  }

  String id() {
    return id;
  }

  JobStatus state() {
    return state;
  }

  long endTimeMs() {
    return endTimeMs;
  }

  /** The subtask, or null when the job has no such vertex or subtask. */
  Slot slot(int vertexId, int subtask) {
    for (Vertex v : vertices) {
      if (v.id() == vertexId) {
        return subtask >= 0 && subtask < v.slots().size() ? v.slots().get(subtask) : null;
      }
    }
    return null;
  }

  /** A worker reported a subtask's state. */
  Outcome report(Slot slot, SubtaskState reported, String text, long now) {
    if (!slot.state.canMoveTo(reported)) {
      return Outcome.NONE; // duplicate or late report
    }
    if (state == JobStatus.CANCELING && reported == SubtaskState.FAILED) {
      // Canceling its peers breaks a subtask's exchanges before its own cancel arrives: that is the
      // cancel's doing, not a failure of the job (the text stays for diagnosis).
      reported = SubtaskState.CANCELED;
    }
    slot.state = reported;
    if (reported == SubtaskState.FAILED || reported == SubtaskState.CANCELED) {
      slot.failure = FailureText.cut(text, FailureText.MAX_CHARS);
    }
    if (awaitingRedeploy) {
      return Outcome.CHANGED; // a subtask of the failed attempt stopped
    }
    if (reported == SubtaskState.FINISHED && checkpoints != null) {
      checkpoints.subtaskFinished(key(slot), now);
    }
    if (state == JobStatus.CANCELING) {
      return allEnded() ? moveTo(JobStatus.CANCELED, now, Outcome.CHANGED) : Outcome.CHANGED;
    }
    if (state.isTerminal()) {
      return Outcome.CHANGED; // a subtask of an ended job stopped: its slot is free
    }
    return switch (reported) {
      case FAILED -> fail(failureOf(slot), now);
      case CANCELED -> fail("subtask " + describe(slot) + " was canceled by its worker while the job ran", now);
      case RUNNING, FINISHED -> progressed(now);
      case DEPLOYING -> Outcome.CHANGED;
    };
  }

  private Outcome progressed(long now) {
    boolean up = all(s -> s == SubtaskState.RUNNING || s == SubtaskState.FINISHED);
    if (up && runningTimeMs == 0) {
      runningTimeMs = now;
    }
    if (up && (state == JobStatus.CREATED || state == JobStatus.RESTARTING)) {
      moveTo(JobStatus.RUNNING, now, Outcome.CHANGED);
    }
    if (all(s -> s == SubtaskState.FINISHED)) {
      return moveTo(JobStatus.FINISHED, now, Outcome.CHANGED);
    }
    return Outcome.CHANGED;
  }

  /**
   * The attempt fails (a subtask failed, deployment failed, a worker was lost): its other subtasks are
   * canceled, and the job restarts when its strategy allows (RESTARTING until redeployed) or FAILS.
   */
  Outcome fail(String why, long now) {
    if (state.isTerminal()) {
      return Outcome.NONE;
    }
    if (state == JobStatus.CANCELING) {
      return allEnded() ? moveTo(JobStatus.CANCELED, now, Outcome.CHANGED) : Outcome.NONE;
    }
    failure = FailureText.cut(why, FailureText.MAX_CHARS);
    java.util.Optional<java.time.Duration> delay = backoff == null ? java.util.Optional.empty() : backoff.onFailure(now);
    if (delay.isEmpty()) {
      awaitingRedeploy = false;
      return moveTo(JobStatus.FAILED, now, Outcome.CANCEL);
    }
    restartAtMs = now + delay.get().toMillis();
    awaitingRedeploy = true;
    stopCheckpoints("attempt " + attempt + " of the job failed", now);
    return state == JobStatus.RESTARTING ? Outcome.CANCEL : moveTo(JobStatus.RESTARTING, now, Outcome.CANCEL);
  }

  /** True when the failed attempt has stopped and the restart delay is over: time to redeploy. */
  boolean restartDue(long now) {
    return state == JobStatus.RESTARTING && awaitingRedeploy && allEnded() && now >= restartAtMs;
  }

  /** The next attempt was placed: its subtasks are DEPLOYING, it restores {@code restore} (null: fresh). */
  void redeployed(Map<Integer, List<Registrations.Worker>> placement, RestoreRecord restore) {
    vertices = placed(submitted.shape(), placement);
    attempt++;
    restarts++;
    awaitingRedeploy = false;
    history.restored(restore);
  }

  /** An earlier leader ran this job: its subtasks count as stopped, and it restarts if its strategy allows. */
  Outcome orphaned(String why, long now) {
    for (Slot slot : allSlots()) {
      if (!slot.state.isEnded()) {
        slot.state = SubtaskState.CANCELED;
        slot.failure = why;
      }
    }
    if (state == JobStatus.CANCELING) {
      return moveTo(JobStatus.CANCELED, now, Outcome.CHANGED);
    }
    return fail(why, now);
  }

  /** No retained checkpoint could be restored although one completed: the job FAILS naming them. */
  Outcome giveUp(String why, long now) {
    awaitingRedeploy = false;
    failure = FailureText.cut(why, FailureText.MAX_CHARS);
    return moveTo(JobStatus.FAILED, now, Outcome.CHANGED);
  }

  /** The leader stops tracking this attempt (it lost leadership): its checkpoints stop. */
  void stopAttempt(String why, long now) {
    if (checkpoints != null) {
      checkpoints.stop(why, now);
      checkpoints = null;
    }
  }

  /** True once per change of a finished checkpoint in the history, so the record is persisted then. */
  boolean historyChanged() {
    long version = history.version();
    if (version == persistedHistory) {
      return false;
    }
    persistedHistory = version;
    return true;
  }

  /** The first attempt starts from {@code restore}. */
  void restoredFrom(RestoreRecord restore) {
    history.restored(restore);
  }

  void startCheckpoints(CheckpointCoordinator coordinator) {
    this.checkpoints = coordinator;
  }

  /** The attempt's checkpoint coordinator, or null while none runs. */
  CheckpointCoordinator checkpoints() {
    return checkpoints;
  }

  private void stopCheckpoints(String why, long now) {
    if (checkpoints != null) {
      checkpoints.stop(why, now);
      checkpoints = null;
    }
    history.failInProgress(why, now);
  }

  int attempt() {
    return attempt;
  }

  SubmittedJob submitted() {
    return submitted;
  }

  CheckpointHistory history() {
    return history;
  }

  String fromSavepoint() {
    return fromSavepoint;
  }

  /** Checkpoint directories a restore failed on (metadata or state files missing or corrupt). */
  /** The first line of the last failure to restore a checkpoint (empty: none), for the final error. */
  String lastRestoreFailure() {
    return lastRestoreFailure;
  }

  void restoreFailed(String path, String failure) {
    unusableCheckpoints.add(path);
    int eol = failure.indexOf('\n');
    lastRestoreFailure = eol < 0 ? failure : failure.substring(0, eol);
  }

  java.util.Set<String> unusableCheckpoints() {
    return unusableCheckpoints;
  }

  PendingCheckpoint.SubtaskKey key(Slot slot) {
    for (Vertex v : vertices) {
      if (v.slots().contains(slot)) {
        return new PendingCheckpoint.SubtaskKey(v.id(), slot.subtask);
      }
    }
    throw new IllegalArgumentException("subtask " + slot.subtask + " is not part of job " + id);
  }

  /** Worker address of every subtask of the current attempt, by vertex id. */
  Map<Integer, List<String>> addresses() {
    Map<Integer, List<String>> out = new java.util.LinkedHashMap<>();
    vertices.forEach(v -> out.put(v.id(), v.slots().stream().map(s -> s.workerAddress).toList()));
    return out;
  }

  /** The user asked to cancel; ResourceInUse when the job has ended already. */
  Outcome cancel(long now) {
    if (state.isTerminal()) {
      throw new TributaryException(ErrorCode.RESOURCE_IN_USE, "job '" + id + "' has " + state
          + " already; there is nothing to cancel");
    }
    if (state == JobStatus.CANCELING) {
      return Outcome.NONE;
    }
    awaitingRedeploy = false;
    if (allEnded()) {
      return moveTo(JobStatus.CANCELED, now, Outcome.CHANGED);
    }
    return moveTo(JobStatus.CANCELING, now, Outcome.CANCEL);
  }

  /** A worker's ZooKeeper node went away: its subtasks are gone, and the job with them if it ran. */
  Outcome workerLost(String workerId, String address, long now) {
    boolean held = false;
    for (Slot slot : allSlots()) {
      if (slot.workerId.equals(workerId) && !slot.state.isEnded()) {
        slot.state = SubtaskState.CANCELED;
        slot.failure = "worker " + workerId + " at " + address + " was lost";
        held = true;
      }
    }
    if (!held) {
      return Outcome.NONE;
    }
    if (awaitingRedeploy) {
      return Outcome.CHANGED;
    }
    if (state == JobStatus.CANCELING || state.isTerminal()) {
      return allEnded() && state == JobStatus.CANCELING ? moveTo(JobStatus.CANCELED, now, Outcome.CHANGED)
          : Outcome.CHANGED;
    }
    return fail("worker " + workerId + " at " + address + " was lost", now);
  }

  /** Gives up waiting for subtasks to confirm they stopped: they count as canceled and free their slots. */
  Outcome forceEnded(String why, long now) {
    boolean changed = false;
    for (Slot slot : allSlots()) {
      if (!slot.state.isEnded()) {
        slot.state = SubtaskState.CANCELED;
        slot.failure = why;
        changed = true;
      }
    }
    if (awaitingRedeploy) {
      return changed ? Outcome.CHANGED : Outcome.NONE;
    }
    if (state == JobStatus.CANCELING) {
      return moveTo(JobStatus.CANCELED, now, Outcome.CHANGED);
    }
    if (!state.isTerminal()) {
      failure = why;
      return moveTo(JobStatus.FAILED, now, Outcome.CHANGED);
    }
    return changed ? Outcome.CHANGED : Outcome.NONE;
  }

  /** @param metrics the subtask's user metrics by name, as it reported them (they replace the previous ones) */
  void metrics(Slot slot, long recordsIn, long recordsOut, long backPressuredMs, Map<String, Long> metrics) {
    slot.recordsIn = recordsIn;
    slot.recordsOut = recordsOut;
    slot.backPressuredMs = backPressuredMs;
    slot.metrics = metrics;
  }

  boolean allEnded() {
    return all(SubtaskState::isEnded);
  }

  /** Addresses of the workers that still run subtasks of this job. */
  Set<String> workersHoldingSubtasks() {
    Set<String> addresses = new LinkedHashSet<>();
    for (Slot slot : allSlots()) {
      if (!slot.state.isEnded()) {
        addresses.add(slot.workerAddress);
      }
    }
    return addresses;
  }

  /** Adds the slots this job's running subtasks hold to {@code used}, by worker id. */
  void countUsedSlots(Map<String, Integer> used) {
    java.util.Set<String> held = new java.util.HashSet<>();
    for (Slot slot : allSlots()) {
      // Subtask i of every vertex shares slot i (see SlotPlacement): count each shared slot once.
      if (!slot.state.isEnded() && held.add(slot.workerId + "/" + slot.subtask)) {
        used.merge(slot.workerId, 1, Integer::sum);
      }
    }
  }

  JobRecord snapshot() {
    List<JobRecord.Vertex> out = new ArrayList<>(vertices.size());
    for (Vertex v : vertices) {
      List<JobRecord.Subtask> subtasks = new ArrayList<>(v.slots().size());
      for (Slot s : v.slots()) {
        subtasks.add(new JobRecord.Subtask(s.subtask, s.state, s.workerId, s.workerAddress, s.recordsIn,
            s.recordsOut, s.backPressuredMs, s.failure, s.metrics));
      }
      out.add(new JobRecord.Vertex(v.id(), v.name(), v.parallelism(), subtasks));
    }
    return new JobRecord(id, name, state, submitTimeMs, runningTimeMs, endTimeMs, parallelism, maxParallelism,
        failure, out, attempt, restarts, history.records(), history.lastRestore(), fromSavepoint, mainClass, args);
  }

  private Outcome moveTo(JobStatus next, long now, Outcome outcome) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("job " + id + " cannot move from " + state + " to " + next);
    }
    state = next;
    if (next.isTerminal()) {
      endTimeMs = now;
    }
    if (next.isTerminal() || next == JobStatus.CANCELING) {
      stopCheckpoints("the job is " + next, now);
    }
    return outcome;
  }

  /** The user's exception first (what `trib job run` prints), then where it happened, then the stack. */
  private String failureOf(Slot slot) {
    String text = slot.failure == null ? "" : slot.failure;
    int eol = text.indexOf('\n');
    String first = eol < 0 ? text : text.substring(0, eol);
    String rest = eol < 0 ? "" : text.substring(eol);
    return first + " (in subtask " + describe(slot) + ")" + rest;
  }

  private String describe(Slot slot) {
    for (Vertex v : vertices) {
      if (v.slots().contains(slot)) {
        return "'" + v.name() + "' (" + (slot.subtask + 1) + "/" + v.parallelism() + ") on worker " + slot.workerId
            + " at " + slot.workerAddress;
      }
    }
    return String.valueOf(slot.subtask);
  }

  private boolean all(java.util.function.Predicate<SubtaskState> test) {
    for (Slot slot : allSlots()) {
      if (!test.test(slot.state)) {
        return false;
      }
    }
    return true;
  }

  private List<Slot> allSlots() {
    List<Slot> all = new ArrayList<>();
    vertices.forEach(v -> all.addAll(v.slots()));
    return all;
  }
}
