package io.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.tributary.api.graph.ChainedNode;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import io.tributary.common.config.Configuration;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.common.jobs.CheckpointMetadata;
import io.tributary.proto.v1.CancelTasksRequest;
import io.tributary.proto.v1.CheckpointAck;
import io.tributary.proto.v1.InputLocations;
import io.tributary.proto.v1.NotifyCheckpointRequest;
import io.tributary.proto.v1.TaskControlGrpc;
import io.tributary.proto.v1.TaskDeployment;
import io.tributary.proto.v1.TaskState;
import io.tributary.proto.v1.TriggerCheckpointRequest;
import io.tributary.worker.exchange.ExchangeSettings;
import io.tributary.worker.internal.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints across two real workers: a keyed count is checkpointed while records flow, canceled
 * after more records went through, and restored from the checkpoint at the same and at other
 * parallelisms; its final counts are exact only if source positions and keyed state agree.
 */
class CheckpointIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final long COUNT = 40_000;
  private static final ExchangeSettings EXCHANGE = new ExchangeSettings(64, 2, 2, Duration.ofSeconds(30));

  @TempDir Path dir;
  private TestingServer zk;
  private FakeJobControl coordinator;
  private final List<WorkerServer> workers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  @BeforeEach
  void startCluster() throws Exception {
    zk = new TestingServer(true);
    coordinator = new FakeJobControl();
    for (int i = 0; i < 2; i++) {
      WorkerConfig config = new WorkerConfig(Configuration.of(Map.of(
          "zookeeper.connect", zk.getConnectString(), "server.dir", dir.resolve("w" + i).toString(),
          "worker.slots", "3", "metrics.port", "-1")));
      workers.add(WorkerServer.start(config, Clock.systemUTC(),
          new WorkerSettings(EXCHANGE, Duration.ofMillis(200), Duration.ofSeconds(1))));
    }
  }

  @AfterEach
  void stopCluster() throws Exception {
    channels.forEach(GrpcChannels::close);
    workers.forEach(WorkerServer::close);
    coordinator.close();
    zk.close();
  }

  @Test
  void restoreAtTheSameParallelismCountsEveryRecordExactlyOnce() {
    Path checkpoint = checkpointThenCancel(2, 2);
    assertRestoredCountsExact(checkpoint, 2, 2);
  }

  @Test
  void restoreAtOtherParallelismsCountsEveryRecordExactlyOnce() {
    Path checkpoint = checkpointThenCancel(2, 2);
    assertRestoredCountsExact(checkpoint, 3, 3);
  }

  @Test
  void scaleInToOneSubtaskKeepsEveryKeyAndPosition() {
    Path checkpoint = checkpointThenCancel(3, 3);
    assertRestoredCountsExact(checkpoint, 1, 1);
  }

  @Test
  void corruptStateFileFailsTheDeploymentNamingIt() throws Exception {
    Path checkpoint = checkpointThenCancel(2, 2);
    Path file = checkpoint.resolve("1-0.state");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(file, bytes);
    String run = newId();
    JobPlan plan = CheckpointJobs.plan(run, COUNT, 2, 2);
    assertThatThrownBy(() -> deploy(newId(), plan, 1, checkpoint.resolve(CheckpointMetadata.FILE).toString()))
        .hasMessageContaining("1-0.state").hasMessageContaining("corrupt");
  }

  /** Runs the job to a checkpoint taken mid-stream, lets more records through, cancels; @return its directory */
  private Path checkpointThenCancel(int sources, int counters) {
    String run = newId();
    String jobId = newId();
    JobPlan plan = CheckpointJobs.plan(run, COUNT, sources, counters);
    CheckpointJobs.limit(run).set(COUNT / 4);
    deploy(jobId, plan, 0, "");
    await().atMost(PATIENCE).until(() -> allReported(jobId, plan, 0, TaskState.TASK_RUNNING));

    Path checkpoint = dir.resolve("checkpoints").resolve(jobId).resolve("chk-1");
    for (int s = 0; s < sources; s++) {
      control(workerOf(0, s)).triggerCheckpoint(TriggerCheckpointRequest.newBuilder()
          .setTask(new TaskKey(jobId, 0, s, 0).toProto()).setCheckpointId(1).setTimestampMs(1).setEpoch(1)
          .setDir(checkpoint.toString()).build());
    }
    await().atMost(PATIENCE).until(() -> coordinator.acks(jobId, 1).size() == sources + counters);
    assertThat(coordinator.declines).isEmpty();
    for (CheckpointAck ack : coordinator.acks(jobId, 1)) {
      assertThat(Path.of(ack.getStatePath())).exists().hasParent(checkpoint);
    }
    for (WorkerServer w : workers) {
      control(w).notifyCheckpoint(NotifyCheckpointRequest.newBuilder().setJobId(jobId).setAttempt(0)
          .setCheckpointId(1).setCompleted(true).setEpoch(1).build());
    }
    // records after the checkpoint reach the counters, then the job dies: a restore must not count them twice
    CheckpointJobs.limit(run).set(COUNT / 2);
    await().atMost(PATIENCE).until(() -> TestJobs.emitted(run).get() >= 0 && countersHaveSeenBeyondCheckpoint(jobId));
    for (WorkerServer w : workers) {
      control(w).cancelTasks(CancelTasksRequest.newBuilder().setJobId(jobId).setEpoch(1).build());
    }
    // a consumer may see its remote producer's partition released before its own cancel arrives
    await().atMost(PATIENCE).until(() -> allEnded(jobId, plan));
    assertThat(CheckpointJobs.results(run)).isEmpty();
    writeMetadata(jobId, plan, checkpoint);
    return checkpoint;
  }

  private boolean countersHaveSeenBeyondCheckpoint(String jobId) {
    long in = 0;
    for (var status : coordinator.reports) {
      if (status.getTask().getJobId().equals(jobId) && status.getTask().getVertexId() == 1) {
        in = Math.max(in, status.getRecordsIn());
      }
    }
    return in > COUNT / 8 / 2; // at least one counter saw more than its share of the first quarter
  }

  /** What the coordinator writes once every subtask acknowledged. */
  private void writeMetadata(String jobId, JobPlan plan, Path checkpoint) {
    List<CheckpointMetadata.SubtaskState> states = new ArrayList<>();
    for (CheckpointAck ack : coordinator.acks(jobId, 1)) {
      JobVertex vertex = plan.vertex(ack.getTask().getVertexId());
      states.add(new CheckpointMetadata.SubtaskState(vertex.id(), ack.getTask().getSubtask(), vertex.parallelism(),
          vertex.nodes().stream().map(ChainedNode::uid).toList(), Path.of(ack.getStatePath()).getFileName().toString(),
          ack.getStateBytes()));
    }
    new CheckpointMetadata(jobId, 1, 1, false, plan.maxParallelism(), states).write(checkpoint);
  }

  private void assertRestoredCountsExact(Path checkpoint, int sources, int counters) {
    String run = newId();
    String jobId = newId();
    JobPlan plan = CheckpointJobs.plan(run, COUNT, sources, counters);
    CheckpointJobs.limit(run).set(COUNT);
    deploy(jobId, plan, 1, checkpoint.resolve(CheckpointMetadata.FILE).toString());
    await().atMost(PATIENCE).until(() -> allReported(jobId, plan, 1, TaskState.TASK_FINISHED));
    Map<Long, Long> expected = new HashMap<>();
    for (long key = 0; key < 10; key++) {
      expected.put(key, COUNT / 10);
    }
    assertThat(CheckpointJobs.results(run)).isEqualTo(expected);
    // the sources resumed at their checkpointed positions rather than at the start
    assertThat(TestJobs.emitted(run).get()).isPositive().isLessThan(COUNT);
  }

  private static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private WorkerServer workerOf(int vertex, int subtask) {
    return workers.get((vertex + subtask) % 2);
  }

  private TaskControlGrpc.TaskControlBlockingStub control(WorkerServer worker) {
    ManagedChannel channel = GrpcChannels.forAddress(worker.address());
    channels.add(channel);
    return TaskControlGrpc.newBlockingStub(channel);
  }

  private void deploy(String jobId, JobPlan plan, int attempt, String restoreMetadata) {
    ByteString bytes = ByteString.copyFrom(TestJobs.serialize(plan));
    for (int v = plan.vertices().size() - 1; v >= 0; v--) {
      JobVertex vertex = plan.vertices().get(v);
      for (int s = 0; s < vertex.parallelism(); s++) {
        TaskDeployment.Builder d = TaskDeployment.newBuilder()
            .setTask(new TaskKey(jobId, vertex.id(), s, attempt).toProto())
            .setEpoch(1).setPlan(bytes).setMaxParallelism(plan.maxParallelism())
            .setCoordinatorAddress(coordinator.address()).setRestoreMetadata(restoreMetadata);
        for (var edge : vertex.inputs()) {
          InputLocations.Builder where = InputLocations.newBuilder();
          for (int p = 0; p < plan.vertex(edge.sourceVertex()).parallelism(); p++) {
            where.addProducerAddresses(workerOf(edge.sourceVertex(), p).address());
          }
          d.addInputs(where);
        }
        control(workerOf(vertex.id(), s)).deployTask(d.build());
      }
    }
  }

  private boolean allEnded(String jobId, JobPlan plan) {
    for (JobVertex v : plan.vertices()) {
      for (int s = 0; s < v.parallelism(); s++) {
        TaskState state = coordinator.state(jobId, v.id(), s).orElse(null);
        if (state != TaskState.TASK_CANCELED && state != TaskState.TASK_FAILED) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean allReported(String jobId, JobPlan plan, int attempt, TaskState state) {
    for (JobVertex v : plan.vertices()) {
      for (int s = 0; s < v.parallelism(); s++) {
        if (coordinator.state(jobId, v.id(), s).orElse(null) != state) {
          return false;
        }
      }
    }
    return true;
  }
}
