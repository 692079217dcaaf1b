package io.tributary.worker.internal;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.TaskId;
import io.tributary.proto.v1.TaskState;
import io.tributary.proto.v1.TaskStatus;
import io.tributary.worker.TaskKey;
import io.tributary.worker.report.RunningTasks;
import io.tributary.worker.task.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worker's task slots and the subtasks occupying them. Thread-safe.
 *
 * <p>Slots are shared within a job, as in Flink: subtask i of every vertex of a job runs in the same
 * slot, so a pipeline of several vertices needs as many slots as its widest vertex, not one per
 * subtask. A slot is reserved before the job's jar is fetched, so two deployments racing for the
 * last slot cannot both pass the check.
 */
final class TaskTable implements RunningTasks {
  private final String workerId;
  private final int slots;
  private final Map<TaskKey, Task> reserved = new HashMap<>();

  TaskTable(String workerId, int slots) {
    this.workerId = workerId;
    this.slots = slots;
  }

  /** Takes a slot for {@code key} (its task is set later with {@link #set}). */
  synchronized void reserve(TaskKey key) {
    if (reserved.containsKey(key)) {
      throw new TributaryException(ErrorCode.RESOURCE_IN_USE,
          "subtask " + key + " already runs on worker " + workerId + "; cancel the job before deploying it again");
    }
    int used = usedSlots();
    if (!holdsSlot(key) && used >= slots) {
      throw new TributaryException(ErrorCode.LIMIT_EXCEEDED,
          "worker " + workerId + " has no free task slot (" + used + " of " + slots
              + " in use); start workers with more --slots, add workers, or lower the job's --parallelism");
    }
    reserved.put(key, null);
  }

  synchronized void set(TaskKey key, Task task) {
    reserved.put(key, task);
  }

  synchronized void free(TaskKey key) {
    reserved.remove(key);
  }

  /** Slots in use: one per (job, subtask index) that has a subtask here. */
  synchronized int used() {
    return usedSlots();
  }

  private int usedSlots() {
    Set<SharedSlot> held = new HashSet<>();
    reserved.keySet().forEach(k -> held.add(SharedSlot.of(k)));
    return held.size();
  }

  private boolean holdsSlot(TaskKey key) {
    SharedSlot slot = SharedSlot.of(key);
    return reserved.keySet().stream().anyMatch(k -> SharedSlot.of(k).equals(slot));
  }

  /** The slot subtask i of every vertex of one job attempt shares. */
  private record SharedSlot(String jobId, int attempt, int subtask) {
    static SharedSlot of(TaskKey key) {
      return new SharedSlot(key.jobId(), key.attempt(), key.subtask());
    }
  }

  int slots() {
    return slots;
  }

  synchronized List<Task> tasks() {
    List<Task> tasks = new ArrayList<>();
    for (Task t : reserved.values()) {
      if (t != null) {
        tasks.add(t);
      }
    }
    return tasks;
  }

  /** The running subtask {@code key}, or null. */
  synchronized Task task(TaskKey key) {
    return reserved.get(key);
  }

  synchronized List<Task> tasksOf(String jobId) {
    List<Task> tasks = new ArrayList<>();
    for (Task t : reserved.values()) {
      if (t != null && t.key().jobId().equals(jobId)) {
        tasks.add(t);
      }
    }
    return tasks;
  }

  /** Whether any slot (deploying or running) belongs to the job. */
  synchronized boolean hasJob(String jobId) {
    return reserved.keySet().stream().anyMatch(k -> k.jobId().equals(jobId));
  }

  @Override
  public List<TaskStatus> running() {
    List<TaskStatus> statuses = new ArrayList<>();
    for (Task task : tasks()) {
      if (task.state() == TaskState.TASK_RUNNING) {
        statuses.add(status(task, TaskState.TASK_RUNNING, ""));
      }
    }
    return statuses;
  }

  @Override
  public void unknown(List<TaskId> ids) {
    for (TaskId id : ids) {
      Task task;
      synchronized (this) {
        task = reserved.get(TaskKey.of(id));
      }
      if (task != null) {
        task.cancel();
      }
    }
  }

  static TaskStatus status(Task task, TaskState state, String failure) {
    return TaskStatus.newBuilder()
        .setTask(task.key().toProto())
        .setState(state)
        .setFailure(failure)
        .setRecordsIn(task.metrics().recordsIn())
        .setRecordsOut(task.metrics().recordsOut())
        .setBackPressuredMs(task.metrics().backPressuredMillis())
        .putAllMetrics(task.metrics().user().read())
        .build();
  }
}
