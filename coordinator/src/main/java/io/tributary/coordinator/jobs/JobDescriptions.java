package io.tributary.coordinator.jobs;

import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.SubtaskDescription;
import io.tributary.proto.v1.VertexDescription;

/** Translates job records to the JobControl wire form. Stateless. */
final class JobDescriptions {
  private JobDescriptions() {}

  static JobDescription of(JobRecord job) {
    JobDescription.Builder out = JobDescription.newBuilder()
        .setJobId(job.id())
        .setName(job.name())
        .setState(job.state().toProto())
        .setSubmitTimeMs(job.submitTimeMs())
        .setRunningTimeMs(job.runningTimeMs())
        .setEndTimeMs(job.endTimeMs())
        .setParallelism(job.parallelism())
        .setMaxParallelism(job.maxParallelism())
        .setFailure(job.failure())
        .setAttempt(job.attempt())
        .setRestarts(job.restarts());
    job.checkpoints().forEach(c -> out.addCheckpoints(c.toProto()));
    if (job.lastRestore() != null) {
      out.setLastRestore(job.lastRestore().toProto());
    }
    for (JobRecord.Vertex v : job.vertices()) {
      VertexDescription.Builder vertex =
          VertexDescription.newBuilder().setVertexId(v.id()).setName(v.name()).setParallelism(v.parallelism());
      for (JobRecord.Subtask s : v.subtasks()) {
        vertex.addSubtasks(SubtaskDescription.newBuilder()
            .setSubtask(s.subtask())
            .setState(s.state().toProto())
            .setWorkerId(s.workerId())
            .setWorkerAddress(s.workerAddress())
            .setRecordsIn(s.recordsIn())
            .setRecordsOut(s.recordsOut())
            .setBackPressuredMs(s.backPressuredMs())
            .setFailure(s.failure())
            .putAllMetrics(s.metrics()));
      }
      out.addVertices(vertex);
    }
    return out.build();
  }
}
