package io.tributary.coordinator.jobs;

import com.google.protobuf.ByteString;
import io.tributary.common.zk.Registrations;
import io.tributary.proto.v1.InputLocations;
import io.tributary.proto.v1.TaskDeployment;
import io.tributary.proto.v1.TaskId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the deployment of every subtask of a placed attempt of a job: plan bytes, input locations,
 * epoch, attempt, the checkpoint to restore and where to report. Stateless.
 *
 * <p>Input locations come from the placement, so a consumer knows each producer's worker before
 * that producer runs.
 */
final class Deployments {
  /** One subtask's deployment and the worker it goes to. */
  record Deployment(Registrations.Worker worker, TaskDeployment task) {}

  private Deployments() {}

  static List<Deployment> of(SubmittedJob job, Map<Integer, List<Registrations.Worker>> placement, long epoch,
      String coordinatorAddress) {
    return of(job, placement, epoch, coordinatorAddress, 0, "");
  }

  /** The deployments of attempt {@code attempt}, restoring the {@code _metadata} file {@code restoreMetadata} (empty: fresh). */
  static List<Deployment> of(SubmittedJob job, Map<Integer, List<Registrations.Worker>> placement, long epoch,
      String coordinatorAddress, int attempt, String restoreMetadata) {
    ByteString plan = ByteString.copyFrom(job.plan());
    List<Deployment> out = new ArrayList<>(job.shape().subtaskCount());
    for (PlanShape.VertexShape vertex : job.shape().vertices()) {
      List<InputLocations> inputs = new ArrayList<>(vertex.inputSources().size());
      for (int source : vertex.inputSources()) {
        inputs.add(InputLocations.newBuilder()
            .addAllProducerAddresses(placement.get(source).stream().map(Registrations.Worker::address).toList())
            .build());
      }
      List<Registrations.Worker> workers = placement.get(vertex.id());
      for (int i = 0; i < vertex.parallelism(); i++) {
        TaskDeployment task = TaskDeployment.newBuilder()
            .setTask(taskId(job.id(), vertex.id(), i, attempt))
            .setEpoch(epoch)
            .setPlan(plan)
            .addAllInputs(inputs)
            .setMaxParallelism(job.maxParallelism())
            .setCoordinatorAddress(coordinatorAddress)
            .setRestoreMetadata(restoreMetadata)
            .build();
        out.add(new Deployment(workers.get(i), task));
      }
    }
    return out;
  }

  static TaskId taskId(String jobId, int vertex, int subtask, int attempt) {
    return TaskId.newBuilder().setJobId(jobId).setVertexId(vertex).setSubtask(subtask).setAttempt(attempt).build();
  }
}
