package io.tributary.coordinator.jobs;

import io.tributary.api.checkpoint.CheckpointSettings;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.io.Directories;
import io.tributary.common.jobs.CheckpointMetadata;
import io.tributary.proto.v1.NotifyCheckpointRequest;
import io.tributary.proto.v1.TaskId;
import io.tributary.proto.v1.TriggerCheckpointRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs the checkpoints of one attempt of a job: triggers them at the sources by interval, minimum
 * pause and concurrency, collects acknowledgements, writes the metadata of complete ones, keeps the
 * retained list (and the id counter) in the {@link CheckpointLog}, deletes what falls out of it,
 * aborts on timeout or decline, and tells workers. Confined to the JobManager thread; time comes
 * in as arguments so that tests drive it.
 *
 * <p>Ids come from the job's counter in the log, written before a trigger leaves, so they never repeat
 * across attempts or leaders.
 */
final class CheckpointCoordinator {
  private static final Logger LOG = LogManager.getLogger(CheckpointCoordinator.class);

  /** Where each subtask of the attempt runs. */
  record Placement(PendingCheckpoint.SubtaskKey subtask, String workerAddress, boolean source) {}

  private final String jobId;
  private final int attempt;
  private final long epoch;
  private final PlanShape shape;
  private final CheckpointSettings settings;
  private final Path jobDir;
  private final CheckpointLog log;
  private final WorkerGateway gateway;
  private final Executor jobThread;
  private final CheckpointHistory history;
  private final List<Placement> placements;
  private final Map<Long, PendingCheckpoint> pending = new LinkedHashMap<>();
  private final Set<PendingCheckpoint.SubtaskKey> finished = new HashSet<>();
  private RetainedCheckpoints retained;
  private long lastTriggerMs;
  private long lastEndMs;

  CheckpointCoordinator(String jobId, int attempt, long epoch, PlanShape shape, Path jobDir, CheckpointLog log,
      WorkerGateway gateway, Executor jobThread, CheckpointHistory history, List<Placement> placements, long now) {
    this.jobId = jobId;
    this.attempt = attempt;
    this.epoch = epoch;
    this.shape = shape;
    this.settings = shape.checkpoints();
    this.jobDir = jobDir;
    this.log = log;
    this.gateway = gateway;
    this.jobThread = jobThread;
    this.history = history;
    this.placements = List.copyOf(placements);
    this.retained = log.read(jobId);
    this.lastTriggerMs = now;
    this.lastEndMs = now;
  }

  /** Expires overdue checkpoints, then triggers one when periodic checkpoints are due. */
  void tick(long now) {
    for (PendingCheckpoint p : List.copyOf(pending.values())) {
      if (now - p.triggerTimeMs() >= settings.timeout().toMillis()) {
        abort(p, "checkpoint " + p.id() + " expired after " + settings.timeout().toSeconds()
            + "s; subtasks (vertex/subtask) that did not acknowledge: " + p.missing(), now, true);
      }
    }
    if (due(now)) {
      trigger(false, false, jobDir.resolve("chk-" + (retained.lastId() + 1)), now, false);
    }
  }

  private boolean due(long now) {
    long concurrent = pending.values().stream().filter(p -> !p.savepoint()).count();
    return settings.enabled() && concurrent < settings.maxConcurrent()
        && now - lastTriggerMs >= settings.interval().toMillis()
        && now - lastEndMs >= settings.minPause().toMillis();
  }

  /** Takes a savepoint into {@code parent/savepoint-<job8>-<id>}; completes when it completed or failed. */
  CompletableFuture<CompletedCheckpoint> savepoint(Path parent, boolean drain, long now) {
    String name = "savepoint-" + jobId.substring(0, 8) + "-" + (retained.lastId() + 1);
    return trigger(true, drain, parent.resolve(name), now, true);
  }

  private CompletableFuture<CompletedCheckpoint> trigger(boolean savepoint, boolean drain, Path dir, long now,
      boolean requested) {
    List<PendingCheckpoint.SubtaskKey> expected = placements.stream().map(Placement::subtask)
        .filter(k -> !finished.contains(k)).toList();
    List<Placement> sources = placements.stream().filter(p -> p.source() && !finished.contains(p.subtask())).toList();
    if (sources.isEmpty()) {
      lastTriggerMs = now;
      return CompletableFuture.failedFuture(new TributaryException(ErrorCode.RESOURCE_IN_USE, "job '" + jobId
          + "' has no running source subtasks left to take a " + (savepoint ? "savepoint" : "checkpoint") + " from"));
    }
    long id = retained.lastId() + 1;
    try {
      log.write(jobId, retained.withLastId(id));
      Files.createDirectories(dir);
    } catch (TributaryException | IOException e) {
      lastTriggerMs = now;
      String why = "could not start checkpoint " + id + " of job " + jobId + ": " + e.getMessage();
      LOG.warn(why);
      return CompletableFuture.failedFuture(new TributaryException(ErrorCode.UNAVAILABLE, why + "; retry", e));
    }
    retained = retained.withLastId(id);
    lastTriggerMs = now;
    PendingCheckpoint p = new PendingCheckpoint(id, savepoint, drain, dir, now, expected);
    pending.put(id, p);
    history.update(p.record(now));
    for (Placement source : sources) {
      TriggerCheckpointRequest request = TriggerCheckpointRequest.newBuilder().setTask(task(source.subtask()))
          .setCheckpointId(id).setTimestampMs(now).setEpoch(epoch).setDir(dir.toString()).setSavepoint(savepoint)
          .setDrain(drain).build();
      gateway.triggerCheckpoint(source.workerAddress(), request).whenComplete((ok, failure) -> {
        if (failure != null) {
          jobThread.execute(() -> decline(source.subtask(), id, "the trigger could not reach worker "
              + source.workerAddress() + ": " + FailureText.summary(failure), now));
        }
      });
    }
    return p.future();
  }

  /** A subtask wrote its state; completes the checkpoint when it was the last one missing. */
  void acknowledge(PendingCheckpoint.SubtaskKey subtask, long id, String statePath, long bytes, long alignmentMs,
      long now) {
    PendingCheckpoint p = pending.get(id);
    if (p == null) {
      return; // aborted or completed already
    }
    if (p.acknowledge(subtask, statePath, bytes, alignmentMs)) {
      complete(p, now);
    } else {
      history.update(p.record(now));
    }
  }

  void decline(PendingCheckpoint.SubtaskKey subtask, long id, String reason, long now) {
    PendingCheckpoint p = pending.get(id);
    if (p != null) {
      abort(p, "subtask " + subtask + " declined checkpoint " + id + ": " + reason, now, true);
    }
  }

  /** A subtask finished: it acknowledges every pending and later checkpoint without state. */
  void subtaskFinished(PendingCheckpoint.SubtaskKey subtask, long now) {
    finished.add(subtask);
    for (PendingCheckpoint p : List.copyOf(pending.values())) {
      if (p.finished(subtask)) {
        complete(p, now);
      }
    }
  }

  /** The attempt ends: every pending checkpoint fails with {@code why}; workers are not told (they stop). */
  void stop(String why, long now) {
    for (PendingCheckpoint p : List.copyOf(pending.values())) {
      abort(p, why, now, false);
    }
  }

  int attempt() {
    return attempt;
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  private void complete(PendingCheckpoint p, long now) {
    CheckpointMetadata metadata = p.metadata(jobId, shape);
    RetainedCheckpoints next = retained.with(new RetainedCheckpoints.Retained(p.id(), p.dir().toString(), now),
        settings.retained());
    try {
      metadata.write(p.dir());
      if (!p.savepoint()) {
        log.write(jobId, next);
      }
    } catch (UncheckedIOException | TributaryException e) {
      abort(p, "checkpoint " + p.id() + " could not be recorded: " + e.getMessage(), now, true);
      return;
    }
    CompletedCheckpoint done = p.complete(metadata, now);
    pending.remove(p.id());
    lastEndMs = now;
    if (!p.savepoint()) {
      List<RetainedCheckpoints.Retained> dropped = retained.droppedBy(next);
      retained = next;
      dropped.forEach(r -> Directories.deleteRecursively(Path.of(r.path())));
      subsumeOlderThan(p.id(), now);
    }
    history.update(p.record(now));
    LOG.info("job {} completed {} {} in {} ms", jobId, p.savepoint() ? "savepoint" : "checkpoint", p.id(),
        now - p.triggerTimeMs());
    notifyWorkers(p.id(), true);
    p.future().complete(done);
  }

  private void subsumeOlderThan(long id, long now) {
    for (PendingCheckpoint older : List.copyOf(pending.values())) {
      if (older.id() < id && !older.savepoint()) {
        abort(older, "checkpoint " + older.id() + " was subsumed by checkpoint " + id, now, true);
      }
    }
  }

  private void abort(PendingCheckpoint p, String why, long now, boolean tellWorkers) {
    if (!p.fail(why, now)) {
      return;
    }
    pending.remove(p.id());
    lastEndMs = now;
    LOG.warn("job {}: {} {} failed: {}", jobId, p.savepoint() ? "savepoint" : "checkpoint", p.id(), why);
    history.update(p.record(now));
    Directories.deleteRecursively(p.dir());
    if (tellWorkers) {
      notifyWorkers(p.id(), false);
    }
    p.future().completeExceptionally(new TributaryException(ErrorCode.UNAVAILABLE,
        (p.savepoint() ? "savepoint " : "checkpoint ") + p.id() + " of job " + jobId + " failed: " + why
            + "; check the job with 'trib job describe " + jobId + "' and retry"));
  }

  private void notifyWorkers(long id, boolean completed) {
    Set<String> addresses = new LinkedHashSet<>();
    placements.forEach(p -> addresses.add(p.workerAddress()));
    NotifyCheckpointRequest request = NotifyCheckpointRequest.newBuilder().setJobId(jobId).setAttempt(attempt)
        .setCheckpointId(id).setCompleted(completed).setEpoch(epoch).build();
    for (String address : addresses) {
      gateway.notifyCheckpoint(address, request).whenComplete((ok, failure) -> {
        if (failure != null) {
          LOG.warn("could not tell worker {} that checkpoint {} of job {} {}: {}", address, id, jobId,
              completed ? "completed" : "was aborted", FailureText.summary(failure));
        }
      });
    }
  }

  private TaskId task(PendingCheckpoint.SubtaskKey k) {
    return TaskId.newBuilder().setJobId(jobId).setVertexId(k.vertexId()).setSubtask(k.subtask()).setAttempt(attempt)
        .build();
  }

  /** The placements of every subtask of a placed attempt. */
  static List<Placement> placements(PlanShape shape, Map<Integer, List<String>> addresses) {
    List<Placement> out = new ArrayList<>();
    for (PlanShape.VertexShape v : shape.vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        out.add(new Placement(new PendingCheckpoint.SubtaskKey(v.id(), i), addresses.get(v.id()).get(i), v.isSource()));
      }
    }
    return out;
  }
}
