package io.tributary.worker;

import io.tributary.proto.v1.TaskId;

/** Identifies one attempt of one subtask of a job. */
public record TaskKey(String jobId, int vertexId, int subtask, int attempt) {
  public static TaskKey of(TaskId id) {
    return new TaskKey(id.getJobId(), id.getVertexId(), id.getSubtask(), id.getAttempt());
  }

  public TaskId toProto() {
    return TaskId.newBuilder().setJobId(jobId).setVertexId(vertexId).setSubtask(subtask).setAttempt(attempt).build();
  }

  @Override
  public String toString() {
    return jobId.substring(0, Math.min(8, jobId.length())) + "/" + vertexId + "/" + subtask + "#" + attempt;
  }
}
