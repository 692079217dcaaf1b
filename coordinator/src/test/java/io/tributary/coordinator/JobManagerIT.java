package io.tributary.coordinator;

import static io.tributary.coordinator.CoordinatorTestKit.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.coordinator.jobs.testjobs.TwoVertexJob;
import io.tributary.proto.v1.ArtifactChunk;
import io.tributary.proto.v1.CancelJobRequest;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.DescribeJobRequest;
import io.tributary.proto.v1.FetchJobArtifactRequest;
import io.tributary.proto.v1.GetClusterStatusRequest;
import io.tributary.proto.v1.JobControlGrpc;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.JobState;
import io.tributary.proto.v1.ListJobsRequest;
import io.tributary.proto.v1.SubmitJobRequest;
import io.tributary.proto.v1.SubtaskDescription;
import io.tributary.proto.v1.TaskDeployment;
import io.tributary.proto.v1.TaskId;
import io.tributary.proto.v1.TaskReport;
import io.tributary.proto.v1.TaskState;
import io.tributary.proto.v1.TaskStatus;
import io.tributary.proto.v1.VertexDescription;
import io.tributary.proto.v1.WorkerInfo;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobManagerIT {
  private static final Duration BOUND = Duration.ofSeconds(20);
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  private CoordinatorTestKit kit;
  private CoordinatorServer leader;
  private FakeWorker w1;
  private FakeWorker w2;
  private final List<AutoCloseable> workers = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    kit = new CoordinatorTestKit(ZOOKEEPER.server());
    w1 = worker("w1", 4);
    w2 = worker("w2", 4);
    leader = kit.startLeader();
  }

  private FakeWorker worker(String id, int slots) throws Exception {
    FakeWorker worker = new FakeWorker(id, slots, kit.zk(), kit.paths);
    workers.add(worker);
    return worker;
  }

  @AfterEach
  void stop() throws Exception {
    kit.close();
    for (AutoCloseable worker : workers) {
      worker.close();
    }
  }

  private JobControlGrpc.JobControlBlockingStub jobs(CoordinatorServer coordinator) {
    return JobControlGrpc.newBlockingStub(kit.channel(coordinator)).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static SubmitJobRequest twoVertexJob(int parallelism) {
    return SubmitJobRequest.newBuilder().setJar(ByteString.copyFrom(
            io.tributary.coordinator.jobs.TestJarsAccess.jobJar(TwoVertexJob.class)))
        .addArgs("doubler").setParallelism(parallelism).build();
  }

  private JobDescription describe(String jobId) {
    return jobs(leader).describeJob(DescribeJobRequest.newBuilder().setJobId(jobId).build());
  }

  private JobDescription submitAndAwaitDeployments(int parallelism) {
    JobDescription job = jobs(leader).submitJob(twoVertexJob(parallelism));
    await().atMost(BOUND).until(() -> w1.deployments.size() + w2.deployments.size() == 2 * parallelism);
    return job;
  }

  @Test
  void deploysSubtasksSpreadOverWorkersWithInputLocationsAndFinishes() {
    JobDescription job = submitAndAwaitDeployments(2);

    assertThat(job.getState()).isEqualTo(JobState.JOB_CREATED);
    assertThat(job.getName()).isEqualTo("doubler");
    assertThat(w1.deployments).hasSize(2);
    assertThat(w2.deployments).hasSize(2);
    VertexDescription source = job.getVertices(0);
    List<String> producers = source.getSubtasksList().stream().map(SubtaskDescription::getWorkerAddress).toList();
    assertThat(producers).containsExactlyInAnyOrder(w1.address, w2.address);
    List<TaskDeployment> all = new ArrayList<>(w1.deployments);
    all.addAll(w2.deployments);
    for (TaskDeployment d : all) {
      assertThat(d.getEpoch()).isEqualTo(leader.leaderEpoch().getAsLong());
      assertThat(d.getCoordinatorAddress()).isEqualTo(leader.address());
      assertThat(d.getMaxParallelism()).isEqualTo(128);
      assertThat(d.getPlan().isEmpty()).isFalse();
      if (d.getTask().getVertexId() == 2) {
        assertThat(d.getInputsCount()).isEqualTo(1);
        assertThat(d.getInputs(0).getProducerAddressesList()).isEqualTo(producers);
      } else {
        assertThat(d.getInputsCount()).isZero();
      }
    }

    w1.reportAll(jobs(leader), TaskState.TASK_RUNNING);
    assertThat(describe(job.getJobId()).getState()).isEqualTo(JobState.JOB_CREATED);
    w2.reportAll(jobs(leader), TaskState.TASK_RUNNING);
    JobDescription running = describe(job.getJobId());
    assertThat(running.getState()).isEqualTo(JobState.JOB_RUNNING);
    assertThat(running.getRunningTimeMs()).isPositive();
    assertThat(running.getVertices(0).getSubtasks(0).getRecordsOut()).isEqualTo(20);
    assertThat(running.getVertices(0).getSubtasks(0).getMetricsMap()).containsEntry("test.records_counted", 7L);

    w1.reportAll(jobs(leader), TaskState.TASK_FINISHED);
    w2.reportAll(jobs(leader), TaskState.TASK_FINISHED);
    JobDescription finished = describe(job.getJobId());
    assertThat(finished.getState()).isEqualTo(JobState.JOB_FINISHED);
    assertThat(finished.getEndTimeMs()).isPositive();
    assertThat(jobs(leader).listJobs(ListJobsRequest.getDefaultInstance()).getJobsList())
        .extracting(JobDescription::getJobId).containsExactly(job.getJobId());
  }

  @Test
  void clusterStatusShowsWorkersWithFreeSlotsAndJobsByStateOnLeaderAndStandby() {
    CoordinatorServer standby = kit.startCoordinator();
    JobDescription job = submitAndAwaitDeployments(3);
    w1.reportAll(jobs(leader), TaskState.TASK_RUNNING);
    w2.reportAll(jobs(leader), TaskState.TASK_RUNNING);
    JobDescription canceled = jobs(leader).submitJob(twoVertexJob(1));
    await().atMost(BOUND).until(() -> w1.deployments.size() + w2.deployments.size() == 8);
    jobs(leader).cancelJob(CancelJobRequest.newBuilder().setJobId(canceled.getJobId()).build());
    for (FakeWorker worker : List.of(w1, w2)) {
      worker.deployments.stream().filter(d -> d.getTask().getJobId().equals(canceled.getJobId()))
          .forEach(d -> worker.report(jobs(leader), d, TaskState.TASK_CANCELED, ""));
    }
    assertThat(describe(canceled.getJobId()).getState()).isEqualTo(JobState.JOB_CANCELED);
    assertThat(describe(job.getJobId()).getState()).isEqualTo(JobState.JOB_RUNNING);

    for (CoordinatorServer coordinator : List.of(leader, standby)) {
      ClusterStatus status = kit.clusterAdmin(coordinator).getClusterStatus(GetClusterStatusRequest.getDefaultInstance());
      assertThat(status.getWorkersList()).extracting(WorkerInfo::getId, WorkerInfo::getAddress, WorkerInfo::getSlots)
          .containsExactly(tuple("w1", w1.address, 4), tuple("w2", w2.address, 4));
      assertThat(status.getWorkersList().stream().mapToInt(WorkerInfo::getFreeSlots).sum())
          .as("the running job's two vertices share its 3 slots; the canceled job holds none").isEqualTo(5);
      assertThat(status.getJobsByStateMap()).containsOnly(entry("RUNNING", 1), entry("CANCELED", 1));
    }
  }

  @Test
  void aFailedSubtaskFailsTheJobWithItsTextAndCancelsTheRest() {
    JobDescription job = submitAndAwaitDeployments(2);
    w1.reportAll(jobs(leader), TaskState.TASK_RUNNING);
    w2.reportAll(jobs(leader), TaskState.TASK_RUNNING);

    w2.report(jobs(leader), w2.deployments.get(0), TaskState.TASK_FAILED,
        "java.lang.ArithmeticException: / by zero\n\tat Doubler.map(Doubler.java:12)");

    JobDescription failed = describe(job.getJobId());
    assertThat(failed.getState()).isEqualTo(JobState.JOB_FAILED);
    assertThat(failed.getFailure()).contains("on worker w2").contains("ArithmeticException: / by zero")
        .contains("Doubler.java:12");
    await().atMost(BOUND).until(() -> !w1.cancels.isEmpty() && !w2.cancels.isEmpty());
    assertThat(w1.cancels.get(0).getJobId()).isEqualTo(job.getJobId());
    assertThat(w1.reportAll(jobs(leader), TaskState.TASK_RUNNING).getUnknownList())
        .as("subtasks of a failed job that still run are unknown, so their worker cancels them").hasSize(2);
  }

  @Test
  void cancelEndsTheJobOnceSubtasksStopAndFreesTheirSlots() {
    JobDescription job = submitAndAwaitDeployments(8);
    assertFails(() -> jobs(leader).submitJob(twoVertexJob(1)), Status.Code.RESOURCE_EXHAUSTED, "LimitExceeded",
        "needs 1 task slots but only 0 are free on 2 live worker(s)");

    JobDescription canceling = jobs(leader).cancelJob(CancelJobRequest.newBuilder().setJobId(job.getJobId()).build());
    assertThat(canceling.getState()).isEqualTo(JobState.JOB_CANCELING);
    await().atMost(BOUND).until(() -> !w1.cancels.isEmpty() && !w2.cancels.isEmpty());
    w1.reportAll(jobs(leader), TaskState.TASK_CANCELED);
    w2.reportAll(jobs(leader), TaskState.TASK_CANCELED);
    assertThat(describe(job.getJobId()).getState()).isEqualTo(JobState.JOB_CANCELED);
    assertFails(() -> jobs(leader).cancelJob(CancelJobRequest.newBuilder().setJobId(job.getJobId()).build()),
        Status.Code.ALREADY_EXISTS, "ResourceInUse", "has CANCELED already");

    assertThat(jobs(leader).submitJob(twoVertexJob(8)).getState()).isEqualTo(JobState.JOB_CREATED);
  }

  @Test
  void refusesJobsNeedingMoreSlotsAndUnknownIds() {
    assertFails(() -> jobs(leader).submitJob(twoVertexJob(9)), Status.Code.RESOURCE_EXHAUSTED, "LimitExceeded",
        "needs 9 task slots but only 8 are free on 2 live worker(s)");
    assertThat(w1.deployments).isEmpty();
    assertFails(() -> describe("0123456789abcdef0123456789abcdef"), Status.Code.NOT_FOUND, "ResourceNotFound",
        "does not exist; list jobs with 'trib job list'");
    TaskId stray = TaskId.newBuilder().setJobId("0123456789abcdef0123456789abcdef").setVertexId(1).build();
    assertThat(jobs(leader).reportTasks(TaskReport.newBuilder().setWorkerId("w1")
        .addTasks(TaskStatus.newBuilder().setTask(stray).setState(TaskState.TASK_RUNNING)).build()).getUnknownList())
        .containsExactly(stray);
  }

  @Test
  void workersFetchTheJarInChunks() throws Exception {
    SubmitJobRequest request = twoVertexJob(1);
    JobDescription job = jobs(leader).submitJob(request);

    ByteArrayOutputStream jar = new ByteArrayOutputStream();
    Iterator<ArtifactChunk> chunks =
        jobs(leader).fetchJobArtifact(FetchJobArtifactRequest.newBuilder().setJobId(job.getJobId()).build());
    while (chunks.hasNext()) {
      chunks.next().getData().writeTo(jar);
    }
    assertThat(jar.toByteArray()).isEqualTo(request.getJar().toByteArray());
    assertFails(() -> jobs(leader).fetchJobArtifact(FetchJobArtifactRequest.newBuilder()
        .setJobId("0123456789abcdef0123456789abcdef").build()).hasNext(), Status.Code.NOT_FOUND, "ResourceNotFound",
        "has no jar in checkpoint storage");
  }

  @Test
  void aLostWorkerFailsItsJobs() throws Exception {
    JobDescription job = submitAndAwaitDeployments(2);
    w1.reportAll(jobs(leader), TaskState.TASK_RUNNING);
    w2.reportAll(jobs(leader), TaskState.TASK_RUNNING);

    w2.unregister();

    await().atMost(BOUND).until(() -> describe(job.getJobId()).getState() == JobState.JOB_FAILED);
    assertThat(describe(job.getJobId()).getFailure()).isEqualTo("worker w2 at " + w2.address + " was lost");
    await().atMost(BOUND).until(() -> !w1.cancels.isEmpty());
  }

  @Test
  void theStandbyServesReadsRedirectsChangesAndFailsRunningJobsWhenItTakesOver() {
    CoordinatorServer standby = kit.startCoordinator();
    JobDescription job = submitAndAwaitDeployments(2);
    w1.reportAll(jobs(leader), TaskState.TASK_RUNNING);
    w2.reportAll(jobs(leader), TaskState.TASK_RUNNING);

    StatusRuntimeException redirect = assertFails(() -> jobs(standby).submitJob(twoVertexJob(1)),
        Status.Code.FAILED_PRECONDITION, "NotLeader", leader.address());
    assertThat(redirect.getTrailers().get(GrpcErrors.LEADER)).isEqualTo(leader.address());
    assertFails(() -> jobs(standby).cancelJob(CancelJobRequest.newBuilder().setJobId(job.getJobId()).build()),
        Status.Code.FAILED_PRECONDITION, "NotLeader", leader.address());
    assertFails(() -> w1.reportAll(jobs(standby), TaskState.TASK_RUNNING), Status.Code.FAILED_PRECONDITION,
        "NotLeader", leader.address());
    JobDescription seen = jobs(standby).describeJob(DescribeJobRequest.newBuilder().setJobId(job.getJobId()).build());
    assertThat(seen.getState()).isEqualTo(JobState.JOB_RUNNING);
    assertThat(seen.getVertices(1).getSubtasksList()).extracting(SubtaskDescription::getWorkerId)
        .containsExactlyInAnyOrder("w1", "w2");
    assertThat(jobs(standby).listJobs(ListJobsRequest.getDefaultInstance()).getJobsCount()).isEqualTo(1);

    leader.close();

    await().atMost(BOUND).until(standby::isLeader);
    await().atMost(BOUND).untilAsserted(() -> {
      JobDescription failed =
          jobs(standby).describeJob(DescribeJobRequest.newBuilder().setJobId(job.getJobId()).build());
      assertThat(failed.getState()).isEqualTo(JobState.JOB_FAILED);
      assertThat(failed.getFailure()).contains("lost leadership");
    });
    await().atMost(BOUND).until(() -> w1.cancels.stream().anyMatch(c -> c.getEpoch() > 1)
        && w2.cancels.stream().anyMatch(c -> c.getEpoch() > 1));
    assertThat(w1.reportAll(jobs(standby), TaskState.TASK_RUNNING).getUnknownCount()).isEqualTo(2);
  }
}
