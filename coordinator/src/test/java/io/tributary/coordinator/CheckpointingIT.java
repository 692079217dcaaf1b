package io.tributary.coordinator;

import static io.tributary.coordinator.CoordinatorTestKit.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.jobs.CheckpointMetadata;
import io.tributary.common.stream.MetadataJson;
import io.tributary.coordinator.jobs.RetainedCheckpoints;
import io.tributary.coordinator.jobs.testjobs.CheckpointedJob;
import io.tributary.proto.v1.CheckpointInfo;
import io.tributary.proto.v1.CheckpointStatus;
import io.tributary.proto.v1.DescribeJobRequest;
import io.tributary.proto.v1.JobControlGrpc;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.JobState;
import io.tributary.proto.v1.RescaleJobRequest;
import io.tributary.proto.v1.SavepointRequest;
import io.tributary.proto.v1.SavepointResult;
import io.tributary.proto.v1.StopJobRequest;
import io.tributary.proto.v1.SubmitJobRequest;
import io.tributary.proto.v1.TaskDeployment;
import io.tributary.proto.v1.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CheckpointingIT {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  @TempDir Path storage;
  private CoordinatorTestKit kit;
  private CoordinatorServer leader;
  private final List<FakeWorker> workers = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    kit = new CoordinatorTestKit(ZOOKEEPER.server());
    worker("w1", 4);
    worker("w2", 4);
    leader = kit.startLeader(settings());
  }

  private Map<String, String> settings() {
    return Map.of(CommonKeys.CHECKPOINT_DIR.name(), storage.resolve("checkpoints").toString());
  }

  private FakeWorker worker(String id, int slots) throws Exception {
    FakeWorker worker = new FakeWorker(id, slots, kit.zk(), kit.paths);
    workers.add(worker);
    return worker;
  }

  @AfterEach
  void stop() {
    kit.close();
    workers.forEach(FakeWorker::close);
  }

  private JobControlGrpc.JobControlBlockingStub jobs() {
    return JobControlGrpc.newBlockingStub(kit.channel(leader)).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static SubmitJobRequest.Builder job(int parallelism, String... args) {
    return SubmitJobRequest.newBuilder().setJar(ByteString.copyFrom(
            io.tributary.coordinator.jobs.TestJarsAccess.jobJar(CheckpointedJob.class)))
        .addAllArgs(List.of(args)).setParallelism(parallelism);
  }

  private JobDescription describe(String jobId) {
    return jobs().describeJob(DescribeJobRequest.newBuilder().setJobId(jobId).build());
  }

  private List<TaskDeployment> deployments(String jobId, int attempt) {
    return workers.stream().flatMap(w -> w.attempt(attempt).stream())
        .filter(d -> d.getTask().getJobId().equals(jobId)).toList();
  }

  /** Submits, waits for every deployment and reports every subtask running. */
  private JobDescription running(SubmitJobRequest request) {
    JobDescription job = jobs().submitJob(request);
    int subtasks = 2 * request.getParallelism();
    await().atMost(BOUND).until(() -> deployments(job.getJobId(), 0).size() == subtasks);
    reportAll(0, TaskState.TASK_RUNNING);
    assertThat(describe(job.getJobId()).getState()).isEqualTo(JobState.JOB_RUNNING);
    return job;
  }

  private void reportAll(int attempt, TaskState state) {
    for (FakeWorker w : workers) {
      if (!w.attempt(attempt).isEmpty()) {
        w.reportAttempt(jobs(), attempt, state);
      }
    }
  }

  /** Advances the job clock by the interval and waits until checkpoint {@code id} completed. */
  private CheckpointInfo checkpoint(String jobId, long id) {
    kit.clock.advance(INTERVAL);
    await().atMost(BOUND).until(() -> completed(jobId, id) != null);
    return completed(jobId, id);
  }

  private CheckpointInfo completed(String jobId, long id) {
    return describe(jobId).getCheckpointsList().stream()
        .filter(c -> c.getCheckpointId() == id && c.getStatus() == CheckpointStatus.CHECKPOINT_COMPLETED)
        .findFirst().orElse(null);
  }

  private RetainedCheckpoints retained(String jobId) throws Exception {
    return MetadataJson.read(kit.zk().getData().forPath(kit.paths.jobCheckpoints(jobId)), RetainedCheckpoints.class);
  }

  private static Path metadataOf(CheckpointInfo checkpoint) {
    return Path.of(checkpoint.getPath()).resolve(CheckpointMetadata.FILE);
  }

  @Test
  void checkpointsCompleteWithMetadataRetainedInZooKeeperAndWorkersNotified() throws Exception {
    JobDescription job = running(job(2).build());

    CheckpointInfo first = checkpoint(job.getJobId(), 1);

    assertThat(first.getPath()).isEqualTo(storage.resolve("checkpoints").resolve(job.getJobId()).resolve("chk-1")
        .toString());
    assertThat(first.getAcknowledged()).isEqualTo(4);
    CheckpointMetadata metadata = CheckpointMetadata.read(Path.of(first.getPath()));
    assertThat(metadata.subtasks()).hasSize(4);
    assertThat(metadata.subtasks()).flatExtracting(CheckpointMetadata.SubtaskState::uids).contains("numbers", "sink");
    assertThat(retained(job.getJobId()).retained()).extracting(RetainedCheckpoints.Retained::id).containsExactly(1L);
    await().atMost(BOUND).until(() -> workers.stream().allMatch(w -> w.notifies.stream()
        .anyMatch(n -> n.getCheckpointId() == 1 && n.getCompleted())));
    assertThat(workers.get(0).triggers).allSatisfy(t -> assertThat(t.getTask().getVertexId()).isEqualTo(1));
    assertThat(Files.exists(storage.resolve("checkpoints").resolve(job.getJobId()).resolve("job.jar"))).isTrue();
  }

  @Test
  void aFailedSubtaskRestartsTheJobFromItsLatestCheckpoint() {
    JobDescription job = running(job(2).build());
    checkpoint(job.getJobId(), 1);
    CheckpointInfo second = checkpoint(job.getJobId(), 2);

    FakeWorker w2 = workers.get(1);
    w2.report(jobs(), w2.attempt(0).get(0), TaskState.TASK_FAILED, "java.lang.IllegalStateException: boom");
    await().atMost(BOUND).until(() -> workers.stream().allMatch(w -> !w.cancels.isEmpty()));
    assertThat(deployments(job.getJobId(), 1)).as("no restart before the old attempt stopped").isEmpty();
    reportAll(0, TaskState.TASK_CANCELED);

    await().atMost(BOUND).until(() -> deployments(job.getJobId(), 1).size() == 4);
    assertThat(deployments(job.getJobId(), 1)).extracting(TaskDeployment::getRestoreMetadata)
        .containsOnly(metadataOf(second).toString());
    reportAll(1, TaskState.TASK_RUNNING);
    JobDescription restarted = describe(job.getJobId());
    assertThat(restarted.getState()).isEqualTo(JobState.JOB_RUNNING);
    assertThat(restarted.getAttempt()).isEqualTo(1);
    assertThat(restarted.getRestarts()).isEqualTo(1);
    assertThat(restarted.getLastRestore().getCheckpointId()).isEqualTo(2);
    assertThat(workers.get(0).reportAttempt(jobs(), 0, TaskState.TASK_RUNNING).getUnknownCount())
        .as("the old attempt's subtasks are unknown").isEqualTo(2);

    CheckpointInfo third = checkpoint(job.getJobId(), 3);
    assertThat(third.getAcknowledged()).isEqualTo(4);
  }

  @Test
  void aLostWorkersSubtasksMoveToAnotherWorker() throws Exception {
    FakeWorker w3 = worker("w3", 4);
    JobDescription job = running(job(2).build());
    checkpoint(job.getJobId(), 1);
    FakeWorker lost = workers.stream().filter(w -> !w.attempt(0).isEmpty()).toList().get(1);

    lost.unregister();
    await().atMost(BOUND).until(() -> describe(job.getJobId()).getState() == JobState.JOB_RESTARTING);
    for (FakeWorker w : workers) {
      if (w != lost && !w.attempt(0).isEmpty()) {
        w.reportAttempt(jobs(), 0, TaskState.TASK_CANCELED);
      }
    }

    await().atMost(BOUND).until(() -> deployments(job.getJobId(), 1).size() == 4);
    assertThat(lost.attempt(1)).isEmpty();
    assertThat(w3.attempt(1).size() + workers.stream().filter(w -> w != lost && w != w3)
        .mapToInt(w -> w.attempt(1).size()).sum()).isEqualTo(4);
    assertThat(w3.attempt(1)).isNotEmpty();
    assertThat(describe(job.getJobId()).getAttempt()).isEqualTo(1);
  }

  @Test
  void aCorruptLatestCheckpointFallsBackToThePreviousOne() throws Exception {
    JobDescription job = running(job(1).build());
    CheckpointInfo first = checkpoint(job.getJobId(), 1);
    CheckpointInfo second = checkpoint(job.getJobId(), 2);
    Files.writeString(metadataOf(second), "{not json");

    FakeWorker holder = workers.stream().filter(w -> !w.attempt(0).isEmpty()).findFirst().orElseThrow();
    holder.report(jobs(), holder.attempt(0).get(0), TaskState.TASK_FAILED, "java.lang.RuntimeException: boom");
    reportAll(0, TaskState.TASK_CANCELED);

    await().atMost(BOUND).until(() -> deployments(job.getJobId(), 1).size() == 2);
    assertThat(deployments(job.getJobId(), 1)).extracting(TaskDeployment::getRestoreMetadata)
        .containsOnly(metadataOf(first).toString());
    assertThat(describe(job.getJobId()).getLastRestore().getCheckpointId()).isEqualTo(1);
  }

  @Test
  void aNewLeaderRestartsTheJobFromItsCheckpointAndCheckpointingContinues() {
    CoordinatorServer standby = kit.startCoordinator(settings());
    JobDescription job = running(job(2).build());
    CheckpointInfo first = checkpoint(job.getJobId(), 1);

    leader.close();
    await().atMost(BOUND).until(standby::isLeader);
    leader = standby;

    await().atMost(BOUND).until(() -> workers.stream().allMatch(w -> w.cancels.stream().anyMatch(c -> c.getEpoch() > 1)));
    await().atMost(BOUND).until(() -> deployments(job.getJobId(), 1).size() == 4);
    assertThat(deployments(job.getJobId(), 1)).extracting(TaskDeployment::getRestoreMetadata)
        .containsOnly(metadataOf(first).toString());
    assertThat(deployments(job.getJobId(), 1)).extracting(TaskDeployment::getCoordinatorAddress)
        .containsOnly(standby.address());
    reportAll(1, TaskState.TASK_RUNNING);
    assertThat(describe(job.getJobId()).getState()).isEqualTo(JobState.JOB_RUNNING);

    CheckpointInfo next = checkpoint(job.getJobId(), 2);
    assertThat(next.getAcknowledged()).isEqualTo(4);
  }

  @Test
  void savepointThenStopThenStartFromTheSavepoint() {
    JobDescription job = running(job(1).build());
    Path dir = storage.resolve("my-savepoints");

    SavepointResult savepoint = jobs().triggerSavepoint(SavepointRequest.newBuilder().setJobId(job.getJobId())
        .setDir(dir.toString()).build());
    assertThat(Path.of(savepoint.getPath()).getParent()).isEqualTo(dir);
    assertThat(CheckpointMetadata.read(Path.of(savepoint.getPath())).savepoint()).isTrue();
    assertThat(describe(job.getJobId()).getState()).isEqualTo(JobState.JOB_RUNNING);

    SavepointResult stopped = jobs().stopJob(StopJobRequest.newBuilder().setJobId(job.getJobId()).build());
    assertThat(stopped.getCheckpointId()).isEqualTo(savepoint.getCheckpointId() + 1);
    assertThat(Path.of(stopped.getPath()).getParent()).isEqualTo(storage.resolve("checkpoints").resolve("savepoints"));
    assertThat(describe(job.getJobId()).getState()).isEqualTo(JobState.JOB_CANCELING);
    reportAll(0, TaskState.TASK_CANCELED);
    assertThat(describe(job.getJobId()).getState()).isEqualTo(JobState.JOB_CANCELED);

    JobDescription resumed = jobs().submitJob(job(1).setFromSavepoint(stopped.getPath()).build());
    await().atMost(BOUND).until(() -> deployments(resumed.getJobId(), 0).size() == 2);
    assertThat(deployments(resumed.getJobId(), 0)).extracting(TaskDeployment::getRestoreMetadata)
        .containsOnly(Path.of(stopped.getPath()).resolve(CheckpointMetadata.FILE).toString());
    assertThat(resumed.getLastRestore().getSavepoint()).isTrue();
    assertThat(resumed.getLastRestore().getPath()).isEqualTo(stopped.getPath());

    assertFails(() -> jobs().submitJob(job(1, "renamed-sink").setFromSavepoint(stopped.getPath()).build()),
        Status.Code.INVALID_ARGUMENT, "InvalidArgument", "holds state of operators the job does not have: [sink]");
    assertFails(() -> jobs().submitJob(job(1).setFromSavepoint(storage.resolve("nowhere").toString()).build()),
        Status.Code.INVALID_ARGUMENT, "InvalidArgument", "does not exist");
    assertFails(() -> jobs().submitJob(job(1).setMaxParallelism(64).setFromSavepoint(stopped.getPath()).build()),
        Status.Code.INVALID_ARGUMENT, "InvalidArgument", "max parallelism 128 but the job has 64");
  }

  @Test
  void rescaleStopsWithASavepointAndStartsTheJobAgainAtTheNewParallelism() {
    JobDescription job = running(job(1).build());

    CompletableFuture<JobDescription> rescale = CompletableFuture.supplyAsync(() -> jobs().rescaleJob(
        RescaleJobRequest.newBuilder().setJobId(job.getJobId()).setParallelism(2).build()));
    await().atMost(BOUND).until(() -> describe(job.getJobId()).getState() == JobState.JOB_CANCELING);
    reportAll(0, TaskState.TASK_CANCELED);
    JobDescription rescaled = rescale.join();

    assertThat(rescaled.getJobId()).isNotEqualTo(job.getJobId());
    assertThat(rescaled.getParallelism()).isEqualTo(2);
    assertThat(rescaled.getVertices(0).getParallelism()).isEqualTo(2);
    assertThat(rescaled.getLastRestore().getSavepoint()).isTrue();
    await().atMost(BOUND).until(() -> deployments(rescaled.getJobId(), 0).size() == 4);
    assertThat(deployments(rescaled.getJobId(), 0)).extracting(TaskDeployment::getRestoreMetadata)
        .allSatisfy(m -> assertThat(Path.of(m).getParent().getFileName().toString()).startsWith("savepoint-"));
    assertThat(describe(job.getJobId()).getState()).isEqualTo(JobState.JOB_CANCELED);
    assertFails(() -> jobs().rescaleJob(RescaleJobRequest.newBuilder().setJobId(rescaled.getJobId())
        .setParallelism(0).build()), Status.Code.INVALID_ARGUMENT, "InvalidArgument", "give 1 to its max parallelism");
  }

}
