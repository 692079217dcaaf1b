package io.tributary.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.TestCli;
import io.tributary.cli.fake.FakeJobControl;
import io.tributary.cli.output.Json;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.CancelJobRequest;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.JobState;
import io.tributary.proto.v1.SubmitJobRequest;
import io.tributary.proto.v1.SubtaskDescription;
import io.tributary.proto.v1.TaskState;
import io.tributary.proto.v1.VertexDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job commands against a coordinator whose JobControl answers are scripted. */
class JobCommandsTest {
  static final String ID = "0123456789abcdef0123456789abcdef";
  static final String FAILURE = "java.lang.IllegalStateException: boom\n\tat com.example.Job.map(Job.java:12)\n";

  @TempDir Path dir;
  private FakeJobControl coordinator;
  private Path jar;

  @BeforeEach
  void start() throws Exception {
    coordinator = new FakeJobControl();
    jar = dir.resolve("job.jar");
    Files.write(jar, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
  }

  @AfterEach
  void stop() {
    coordinator.close();
  }

  @Test
  void runSendsTheJarAndArgumentsThenFollowsTheJobToFinishedAndExitsZero() throws Exception {
    coordinator.accepted = job(JobState.JOB_CREATED, TaskState.TASK_DEPLOYING);
    coordinator.describeAnswers(
        job(JobState.JOB_RUNNING, TaskState.TASK_RUNNING),
        job(JobState.JOB_RUNNING, TaskState.TASK_RUNNING),
        ended(JobState.JOB_FINISHED, TaskState.TASK_FINISHED, ""));

    TestCli.Result r = trib("job", "run", jar.toString(), "--class", "com.example.WordCount", "--parallelism", "2",
        "--", "--input", "words.txt");

    assertThat(r.exit()).as(r.err()).isZero();
    SubmitJobRequest sent = (SubmitJobRequest) coordinator.requests.get(0);
    assertThat(sent.getJar().toByteArray()).isEqualTo(Files.readAllBytes(jar));
    assertThat(sent.getMainClass()).isEqualTo("com.example.WordCount");
    assertThat(sent.getParallelism()).isEqualTo(2);
    assertThat(sent.getArgsList()).containsExactly("--input", "words.txt");
    assertThat(r.err()).contains("Submitted job " + ID + " 'wc'", "job 01234567 RUNNING: 2/2 subtasks running, 0 finished",
        "job 01234567 FINISHED: 0/2 subtasks running, 2 finished; records in 20, out 40");
    assertThat(r.outLines()).singleElement().asString()
        .startsWith("Job " + ID + " 'wc' FINISHED after ").endsWith("(run time 2.0 s).");
  }

  @Test
  void aFailedJobExitsOneWithTheFirstLineOfItsFailureAndVerboseAddsTheStackTrace() {
    coordinator.accepted = job(JobState.JOB_CREATED, TaskState.TASK_DEPLOYING);
    coordinator.describeAnswers(ended(JobState.JOB_FAILED, TaskState.TASK_FAILED, FAILURE));

    TestCli.Result r = trib("job", "run", jar.toString());
    TestCli.Result verbose = trib("job", "run", jar.toString(), "--verbose");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines()).last().asString()
        .startsWith("JobFailed: job " + ID + " failed: java.lang.IllegalStateException: boom (the whole failure:");
    assertThat(r.err()).doesNotContain("Job.java:12");
    assertThat(verbose.exit()).isEqualTo(1);
    assertThat(verbose.err()).contains("\tat com.example.Job.map(Job.java:12)");
  }

  @Test
  void aCanceledJobExitsOne() {
    coordinator.accepted = job(JobState.JOB_CREATED, TaskState.TASK_DEPLOYING);
    coordinator.describeAnswers(ended(JobState.JOB_CANCELED, TaskState.TASK_CANCELED, ""));

    TestCli.Result r = trib("job", "run", jar.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines()).last().isEqualTo("JobCanceled: job " + ID + " was canceled");
  }

  @Test
  void detachedPrintsTheJobIdOrWithJsonTheDescriptionAndDoesNotFollow() throws Exception {
    coordinator.accepted = job(JobState.JOB_CREATED, TaskState.TASK_DEPLOYING);

    TestCli.Result plain = trib("job", "run", jar.toString(), "--detached");
    TestCli.Result json = trib("--output", "json", "job", "run", jar.toString(), "--detached");

    assertThat(plain.exit()).isZero();
    assertThat(plain.out()).isEqualTo(ID + System.lineSeparator());
    assertThat(Json.MAPPER.readTree(json.out()).get("id").asText()).isEqualTo(ID);
    assertThat(coordinator.requests).hasSize(2).allMatch(SubmitJobRequest.class::isInstance);
  }

  @Test
  void jsonRunPrintsTheEndedJobAsTheOnlyDocument() throws Exception {
    coordinator.accepted = job(JobState.JOB_CREATED, TaskState.TASK_DEPLOYING);
    coordinator.describeAnswers(ended(JobState.JOB_FAILED, TaskState.TASK_FAILED, FAILURE));

    TestCli.Result r = trib("--output", "json", "job", "run", jar.toString());

    assertThat(r.exit()).isEqualTo(1);
    JsonNode doc = Json.MAPPER.readTree(r.out());
    assertThat(doc.get("state").asText()).isEqualTo("FAILED");
    assertThat(doc.get("failure").asText()).isEqualTo(FAILURE);
  }

  @Test
  void aSubmissionRefusedByAStandbyGoesToTheLeaderItNames() {
    try (FakeJobControl standby = new FakeJobControl()) {
      standby.failure = TributaryException.notLeader(coordinator.address());
      coordinator.accepted = job(JobState.JOB_CREATED, TaskState.TASK_DEPLOYING);

      TestCli.Result r = TestCli.run("--coordinator", standby.address(), "job", "run", jar.toString(), "--detached");

      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(standby.requests).hasSize(1);
      assertThat(coordinator.requests).hasSize(1);
    }
  }

  @Test
  void aRejectedSubmissionIsOneErrorLine() {
    coordinator.failure = new TributaryException(ErrorCode.INVALID_ARGUMENT, "no class 'com.example.Nope' in the job jar");

    TestCli.Result r = trib("job", "run", jar.toString(), "--class", "com.example.Nope");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("InvalidArgument: no class 'com.example.Nope' in the job jar");
  }

  @Test
  void aMissingOrNonJarFileFailsBeforeAnythingIsSent() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello");

    TestCli.Result missing = trib("job", "run", dir.resolve("missing.jar").toString());
    TestCli.Result notJar = trib("job", "run", text.toString());

    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.errLines()).singleElement().asString()
        .startsWith("InvalidArgument: job jar '" + dir.resolve("missing.jar") + "' does not exist");
    assertThat(notJar.exit()).isEqualTo(1);
    assertThat(notJar.errLines()).singleElement().asString().startsWith("InvalidArgument: ").contains("is not a jar");
    assertThat(coordinator.requests).isEmpty();
  }

  @Test
  void listShowsATableOrAJsonArray() throws Exception {
    coordinator.jobs.add(ended(JobState.JOB_FINISHED, TaskState.TASK_FINISHED, ""));

    TestCli.Result table = trib("job", "list");
    TestCli.Result json = trib("--output", "json", "job", "list");

    assertThat(table.exit()).isZero();
    assertThat(table.outLines().get(0)).matches("ID +NAME +STATE +PARALLELISM +STARTED +DURATION");
    assertThat(table.outLines().get(1)).contains(ID, "wc", "FINISHED", "2027-01-15 08:00:00Z").endsWith("3.0 s");
    JsonNode array = Json.MAPPER.readTree(json.out());
    assertThat(array.size()).isEqualTo(1);
    assertThat(array.get(0).get("state").asText()).isEqualTo("FINISHED");
    assertThat(array.get(0).get("netRunTimeMs").asLong()).isEqualTo(2000);
  }

  @Test
  void describeShowsVerticesSubtasksAndTheWholeFailure() throws Exception {
    coordinator.describeAnswers(ended(JobState.JOB_FAILED, TaskState.TASK_FAILED, FAILURE));

    TestCli.Result table = trib("job", "describe", ID);
    TestCli.Result json = trib("--output", "json", "job", "describe", ID);

    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("State:        FAILED", "Vertex 1: Source: words -> Map (parallelism 2; 2 FAILED)",
        "SUBTASK", "worker-1", "127.0.0.1:9001", "Failure:", "\tat com.example.Job.map(Job.java:12)");
    assertThat(table.out()).as("no user metrics, no metrics section").doesNotContain("Metrics (");
    JsonNode doc = Json.MAPPER.readTree(json.out());
    JsonNode subtask = doc.get("vertices").get(0).get("subtasks").get(1);
    assertThat(subtask.get("workerId").asText()).isEqualTo("worker-1");
    assertThat(subtask.get("recordsOut").asLong()).isEqualTo(20);
    assertThat(subtask.get("backPressuredMs").asLong()).isEqualTo(7);
    assertThat(doc.get("vertices").get(0).get("states").get("FAILED").asInt()).isEqualTo(2);
  }

  @Test
  void describeSumsEachVertexsUserMetricsOverItsSubtasks() throws Exception {
    JobDescription withMetrics = job(JobState.JOB_RUNNING, TaskState.TASK_RUNNING);
    VertexDescription.Builder vertex = withMetrics.getVertices(0).toBuilder();
    vertex.setSubtasks(0, vertex.getSubtasks(0).toBuilder()
        .putMetrics("delivery.records_in", 1_500).putMetrics("delivery.oldest_undelivered_age_ms", 40));
    vertex.setSubtasks(1, vertex.getSubtasks(1).toBuilder()
        .putMetrics("delivery.records_in", 2_500).putMetrics("delivery.oldest_undelivered_age_ms", 90));
    coordinator.describeAnswers(withMetrics.toBuilder().setVertices(0, vertex).build());

    TestCli.Result table = trib("job", "describe", ID);
    TestCli.Result json = trib("--output", "json", "job", "describe", ID);

    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("Metrics (2 subtasks of vertex 1):", "METRIC", "MAX SUBTASK")
        .containsPattern("delivery\\.records_in\\s+4,000\\s+2,500")
        .containsPattern("delivery\\.oldest_undelivered_age_ms\\s+130\\s+90");
    JsonNode doc = Json.MAPPER.readTree(json.out());
    assertThat(doc.get("vertices").get(0).get("metrics").get("delivery.records_in").asLong()).isEqualTo(4_000);
    assertThat(doc.get("vertices").get(0).get("subtasks").get(1).get("metrics").get("delivery.records_in").asLong())
        .isEqualTo(2_500);
  }

  @Test
  void aMalformedJobIdIsRejectedWithoutAsking() {
    TestCli.Result r = trib("job", "describe", "42");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines()).singleElement().asString().startsWith("InvalidArgument: '42' is not a job id");
    assertThat(coordinator.requests).isEmpty();
  }

  @Test
  void cancelSendsTheIdAndPrintsTheNewState() {
    coordinator.accepted = job(JobState.JOB_CANCELING, TaskState.TASK_RUNNING);

    TestCli.Result r = trib("job", "cancel", ID);

    assertThat(r.exit()).isZero();
    assertThat(((CancelJobRequest) coordinator.requests.get(0)).getJobId()).isEqualTo(ID);
    assertThat(r.out()).contains("Job " + ID + " 'wc' is CANCELING.");
  }

  private TestCli.Result trib(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--coordinator";
    all[1] = coordinator.address();
    System.arraycopy(args, 0, all, 2, args.length);
    return TestCli.run(all);
  }

  static JobDescription job(JobState state, TaskState tasks) {
    return JobDescription.newBuilder()
        .setJobId(ID).setName("wc").setState(state).setParallelism(2).setMaxParallelism(128)
        .setSubmitTimeMs(1_800_000_000_000L)
        .addVertices(VertexDescription.newBuilder().setVertexId(1).setName("Source: words -> Map").setParallelism(2)
            .addSubtasks(subtask(0, tasks)).addSubtasks(subtask(1, tasks)))
        .build();
  }

  static JobDescription ended(JobState state, TaskState tasks, String failure) {
    return job(state, tasks).toBuilder()
        .setRunningTimeMs(1_800_000_001_000L).setEndTimeMs(1_800_000_003_000L).setFailure(failure).build();
  }

  private static SubtaskDescription subtask(int i, TaskState state) {
    return SubtaskDescription.newBuilder().setSubtask(i).setState(state).setWorkerId("worker-" + i)
        .setWorkerAddress("127.0.0.1:900" + i).setRecordsIn(10).setRecordsOut(20).setBackPressuredMs(7).build();
  }
}
