package io.tributary.worker.report;

import io.tributary.proto.v1.CheckpointAck;
import io.tributary.proto.v1.CheckpointDecline;
import io.tributary.proto.v1.TaskState;
import io.tributary.proto.v1.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps every reported transition in memory, for tests. Thread-safe. */
public final class InMemoryTaskReporter implements TaskReporter {
  private final List<TaskStatus> transitions = new ArrayList<>();
  private final List<String> hints = new ArrayList<>();
  private final List<CheckpointAck> acks = new ArrayList<>();
  private final List<CheckpointDecline> declines = new ArrayList<>();

  @Override
  public synchronized void acknowledge(CheckpointAck ack) {
    acks.add(ack);
  }

  @Override
  public synchronized void decline(CheckpointDecline decline) {
    declines.add(decline);
  }

  public synchronized List<CheckpointAck> acks() {
    return List.copyOf(acks);
  }

  public synchronized List<CheckpointDecline> declines() {
    return List.copyOf(declines);
  }

  @Override
  public synchronized void report(TaskStatus transition) {
    transitions.add(transition);
  }

  @Override
  public synchronized void coordinatorHint(String address) {
    hints.add(address);
  }

  public synchronized List<TaskStatus> transitions() {
    return List.copyOf(transitions);
  }

  /** The latest transition of subtask {@code subtask} of vertex {@code vertex} of {@code jobId}. */
  public synchronized Optional<TaskStatus> latest(String jobId, int vertex, int subtask) {
    TaskStatus last = null;
    for (TaskStatus s : transitions) {
      if (s.getTask().getJobId().equals(jobId) && s.getTask().getVertexId() == vertex
          && s.getTask().getSubtask() == subtask) {
        last = s;
      }
    }
    return Optional.ofNullable(last);
  }

  /** How many subtasks of the job last reported {@code state}. */
  public synchronized long count(String jobId, TaskState state) {
    return transitions.stream().filter(s -> s.getTask().getJobId().equals(jobId))
        .map(s -> s.getTask().getVertexId() + "/" + s.getTask().getSubtask()).distinct()
        .filter(t -> {
          String[] p = t.split("/");
          return latest(jobId, Integer.parseInt(p[0]), Integer.parseInt(p[1])).map(TaskStatus::getState)
              .orElse(TaskState.TASK_STATE_UNSPECIFIED) == state;
        })
        .count();
  }

  @Override
  public void close() {}
}
