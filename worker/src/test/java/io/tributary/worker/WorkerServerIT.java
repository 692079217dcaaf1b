package io.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import io.tributary.api.time.WatermarkStrategy;
import io.tributary.common.config.Configuration;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import io.tributary.common.zk.ZooKeeperClients;
import io.tributary.proto.v1.CancelTasksRequest;
import io.tributary.proto.v1.InputLocations;
import io.tributary.proto.v1.TaskControlGrpc;
import io.tributary.proto.v1.TaskDeployment;
import io.tributary.proto.v1.TaskState;
import io.tributary.proto.v1.TaskStatus;
import io.tributary.worker.TestJobs.CountingSink;
import io.tributary.worker.TestJobs.SequenceSource;
import io.tributary.worker.exchange.ExchangeSettings;
import io.tributary.worker.internal.WorkerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerServerIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int SLOTS = 3;
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
          "worker.slots", String.valueOf(SLOTS), "metrics.port", "0")));
      workers.add(WorkerServer.start(config, java.time.Clock.systemUTC(),
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

  private static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private TaskControlGrpc.TaskControlBlockingStub control(WorkerServer worker) {
    ManagedChannel channel = GrpcChannels.forAddress(worker.address());
    channels.add(channel);
    return TaskControlGrpc.newBlockingStub(channel);
  }

  /** Deploys every subtask, {@code placement(vertex, subtask)} naming the worker; consumers first. */
  private void deploy(String jobId, JobPlan plan, long epoch, BiFunction<Integer, Integer, Integer> placement) {
    ByteString bytes = ByteString.copyFrom(TestJobs.serialize(plan));
    for (int v = plan.vertices().size() - 1; v >= 0; v--) {
      JobVertex vertex = plan.vertices().get(v);
      for (int s = 0; s < vertex.parallelism(); s++) {
        TaskDeployment.Builder d = TaskDeployment.newBuilder()
            .setTask(new TaskKey(jobId, vertex.id(), s, 0).toProto())
            .setEpoch(epoch).setPlan(bytes).setMaxParallelism(plan.maxParallelism())
            .setCoordinatorAddress(coordinator.address());
        for (var edge : vertex.inputs()) {
          InputLocations.Builder where = InputLocations.newBuilder();
          for (int p = 0; p < plan.vertex(edge.sourceVertex()).parallelism(); p++) {
            where.addProducerAddresses(workers.get(placement.apply(edge.sourceVertex(), p)).address());
          }
          d.addInputs(where);
        }
        control(workers.get(placement.apply(vertex.id(), s))).deployTask(d.build());
      }
    }
  }

  private void cancel(String jobId) {
    for (WorkerServer w : workers) {
      control(w).cancelTasks(CancelTasksRequest.newBuilder().setJobId(jobId).setEpoch(1).build());
    }
  }

  private boolean allReported(String jobId, JobPlan plan, TaskState state) {
    for (JobVertex v : plan.vertices()) {
      for (int s = 0; s < v.parallelism(); s++) {
        if (coordinator.state(jobId, v.id(), s).orElse(null) != state) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void registersEachWorkerWithItsAddressAndSlots() throws Exception {
    try (CuratorFramework client = ZooKeeperClients.connect(zk.getConnectString(), Duration.ofSeconds(6),
        Duration.ofSeconds(30))) {
      ZkPaths paths = new ZkPaths("tributary");
      for (WorkerServer w : workers) {
        Registrations.Worker registered =
            MetadataJson.read(client.getData().forPath(paths.worker(w.id())), Registrations.Worker.class);
        assertThat(registered).isEqualTo(new Registrations.Worker(w.id(), w.address(), SLOTS));
      }
    }
  }

  @Test
  void keyedJobAcrossTwoWorkersCountsEveryRecordOnce() {
    String run = newId();
    String jobId = newId();
    JobPlan plan = TestJobs.sourceKeyedSink("count", new SequenceSource(run, 20_000, List.of()),
        WatermarkStrategy.forMonotonousTimestamps(), -1, 2, new CountingSink(run, Duration.ZERO), 2);
    deploy(jobId, plan, 1, (vertex, subtask) -> (vertex + subtask) % 2);
    await().atMost(PATIENCE).until(() -> allReported(jobId, plan, TaskState.TASK_FINISHED));
    assertThat(TestJobs.counts(run)).hasSize(10);
    assertThat(TestJobs.counts(run).values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(2_000));
    assertThat(coordinator.last(jobId, 1, 0).orElseThrow().getRecordsIn()
        + coordinator.last(jobId, 1, 1).orElseThrow().getRecordsIn()).isEqualTo(20_000);
    assertThat(coordinator.last(jobId, 1, 0).orElseThrow().getMetricsOrDefault(CountingSink.COUNTED, 0)
        + coordinator.last(jobId, 1, 1).orElseThrow().getMetricsOrDefault(CountingSink.COUNTED, 0))
        .as("the sinks' user counter, reported with their last status").isEqualTo(20_000);
    await().atMost(PATIENCE).until(() -> workers.stream().allMatch(w -> w.freeSlots() == SLOTS));
  }

  @Test
  void aFailingOperatorReportsTaskFailedWithTheExceptionText() {
    String run = newId();
    String jobId = newId();
    JobPlan plan = TestJobs.sourceKeyedSink("fail", new SequenceSource(run, -1, List.of()),
        WatermarkStrategy.noWatermarks(), 43, 2, new CountingSink(run, Duration.ZERO), 2);
    deploy(jobId, plan, 1, (vertex, subtask) -> subtask);
    await().atMost(PATIENCE).until(() -> coordinator.state(jobId, 0, 1).orElse(null) == TaskState.TASK_FAILED);
    assertThat(coordinator.last(jobId, 0, 1).orElseThrow().getFailure())
        .startsWith("java.lang.IllegalStateException: boom at 43");
    cancel(jobId);
    // a consumer may see its remote producer's partition go before its own cancel arrives: it fails
    await().atMost(PATIENCE).until(() -> ended(jobId, 0, 0) && ended(jobId, 1, 0) && ended(jobId, 1, 1));
    assertThat(coordinator.state(jobId, 0, 0)).contains(TaskState.TASK_CANCELED);
    await().atMost(PATIENCE).until(() -> workers.stream().allMatch(w -> w.freeSlots() == SLOTS));
  }

  private boolean ended(String jobId, int vertex, int subtask) {
    TaskState state = coordinator.state(jobId, vertex, subtask).orElse(null);
    return state == TaskState.TASK_CANCELED || state == TaskState.TASK_FAILED;
  }

  @Test
  void aFullWorkerRefusesMoreSubtasksAndCancelFreesItsSlots() {
    String run = newId();
    String jobId = newId();
    JobPlan plan = TestJobs.sourceKeyedSink("full", new SequenceSource(run, -1, List.of()),
        WatermarkStrategy.noWatermarks(), -1, SLOTS, new CountingSink(run, Duration.ofMillis(1)), 1);
    deploy(jobId, plan, 1, (vertex, subtask) -> 0);
    assertThat(workers.get(0).freeSlots()).as("subtask i of every vertex shares slot i").isZero();
    String other = newId();
    assertThatThrownBy(() -> deploy(other, plan, 1, (vertex, subtask) -> 0))
        .satisfies(e -> {
          TributaryException te = GrpcErrors.fromGrpc(e);
          assertThat(te.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
          assertThat(te.getMessage()).contains("no free task slot (3 of 3 in use)").contains("--slots");
        });
    cancel(jobId);
    await().atMost(PATIENCE).until(() -> allReported(jobId, plan, TaskState.TASK_CANCELED));
    await().atMost(PATIENCE).until(() -> workers.get(0).freeSlots() == SLOTS);
  }

  @Test
  void aSlowSinkSlowsTheSourceDownInsteadOfFillingMemory() {
    String run = newId();
    String jobId = newId();
    JobPlan plan = TestJobs.sourceKeyedSink("slow", new SequenceSource(run, -1, List.of()),
        WatermarkStrategy.noWatermarks(), -1, 1, new CountingSink(run, Duration.ofMillis(1)), 1);
    deploy(jobId, plan, 1, (vertex, subtask) -> vertex); // the exchange crosses workers: credits apply
    await().atMost(PATIENCE).until(() -> TestJobs.total(run) >= 1_500);
    // in flight at most: producer queue + consumer credits + the batches being filled, per channel,
    // plus one source poll; far below what an unthrottled source emits in the same time
    long bound = (EXCHANGE.queueCapacity() + EXCHANGE.credits() + 4) * EXCHANGE.batchSize() + 100;
    for (int i = 0; i < 3; i++) {
      long sunk = TestJobs.total(run);
      long emitted = TestJobs.emitted(run).get();
      assertThat(emitted - sunk).isLessThanOrEqualTo(bound);
    }
    await().atMost(PATIENCE).until(() -> coordinator.last(jobId, 0, 0).map(TaskStatus::getBackPressuredMs).orElse(0L) > 0);
    cancel(jobId);
    await().atMost(PATIENCE).until(() -> ended(jobId, 0, 0) && ended(jobId, 1, 0));
  }

  @Test
  void deploymentsFromAnOlderCoordinatorEpochAreRefused() {
    String run = newId();
    JobPlan plan = TestJobs.sourceKeyedSink("epoch", new SequenceSource(run, 10, List.of()),
        WatermarkStrategy.noWatermarks(), -1, 1, new CountingSink(run, Duration.ZERO), 1);
    String jobId = newId();
    deploy(jobId, plan, 7, (vertex, subtask) -> 0);
    assertThatThrownBy(() -> deploy(newId(), plan, 6, (vertex, subtask) -> 0))
        .satisfies(e -> assertThat(GrpcErrors.fromGrpc(e).code()).isEqualTo(ErrorCode.NOT_LEADER));
    await().atMost(PATIENCE).until(() -> allReported(jobId, plan, TaskState.TASK_FINISHED));
  }
}
