package io.tributary.cli.job;

import static io.tributary.cli.job.JobCommandsTest.ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.TestCli;
import io.tributary.cli.fake.FakeJobControl;
import io.tributary.cli.output.Json;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.CheckpointInfo;
import io.tributary.proto.v1.CheckpointStatus;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.JobState;
import io.tributary.proto.v1.RescaleJobRequest;
import io.tributary.proto.v1.RestoreInfo;
import io.tributary.proto.v1.SavepointRequest;
import io.tributary.proto.v1.SavepointResult;
import io.tributary.proto.v1.StopJobRequest;
import io.tributary.proto.v1.SubmitJobRequest;
import io.tributary.proto.v1.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Savepoint, stop, rescale, run from a savepoint and the checkpoint history of describe, against a scripted coordinator. */
class SavepointCommandsTest {
  private static final String SAVEPOINT = "/data/savepoints/savepoint-01234567-7";

  @TempDir Path dir;
  private FakeJobControl coordinator;

  @BeforeEach
  void start() {
    coordinator = new FakeJobControl();
    coordinator.savepoint = SavepointResult.newBuilder().setPath(SAVEPOINT).setCheckpointId(7).build();
  }

  @AfterEach
  void stop() {
    coordinator.close();
  }

  @Test
  void savepointSendsTheDirectoryAsAnAbsolutePathAndPrintsWhereTheSavepointIs() throws Exception {
    TestCli.Result plain = trib("job", "savepoint", ID, "--dir", "relative/sp");
    TestCli.Result json = trib("--output", "json", "job", "savepoint", ID);

    assertThat(plain.exit()).as(plain.err()).isZero();
    assertThat(plain.outLines()).containsExactly(SAVEPOINT);
    SavepointRequest sent = (SavepointRequest) coordinator.requests.get(0);
    assertThat(sent.getJobId()).isEqualTo(ID);
    assertThat(sent.getDir()).isEqualTo(Path.of("relative/sp").toAbsolutePath().normalize().toString());
    assertThat(((SavepointRequest) coordinator.requests.get(1)).getDir()).isEmpty();
    JsonNode doc = Json.MAPPER.readTree(json.out());
    assertThat(doc.get("path").asText()).isEqualTo(SAVEPOINT);
    assertThat(doc.get("checkpointId").asLong()).isEqualTo(7);
  }

  @Test
  void stopSendsDrainAndTheSavepointDirectory() {
    TestCli.Result r = trib("job", "stop", ID, "--savepoint-dir", dir.toString(), "--drain");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.outLines()).containsExactly(SAVEPOINT);
    StopJobRequest sent = (StopJobRequest) coordinator.requests.get(0);
    assertThat(sent.getJobId()).isEqualTo(ID);
    assertThat(sent.getSavepointDir()).isEqualTo(dir.toString());
    assertThat(sent.getDrain()).isTrue();
  }

  @Test
  void aRefusedSavepointIsOneErrorLine() {
    coordinator.failure = new TributaryException(ErrorCode.INVALID_ARGUMENT,
        "job " + ID + " has checkpoints disabled; enable them in its main");

    TestCli.Result r = trib("job", "savepoint", ID);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).containsExactly("InvalidArgument: job " + ID + " has checkpoints disabled; enable them in its main");
  }

  @Test
  void rescaleSendsTheParallelismAndNamesTheJobThatRunsNow() {
    coordinator.accepted = JobCommandsTest.job(JobState.JOB_RUNNING, TaskState.TASK_RUNNING).toBuilder()
        .setParallelism(3).setLastRestore(RestoreInfo.newBuilder().setCheckpointId(7).setPath(SAVEPOINT)
            .setSavepoint(true))
        .build();

    TestCli.Result r = trib("job", "rescale", ID, "--parallelism", "3");
    TestCli.Result bad = trib("job", "rescale", ID, "--parallelism", "0");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(((RescaleJobRequest) coordinator.requests.get(0)).getParallelism()).isEqualTo(3);
    assertThat(r.out()).contains("Job " + ID + " 'wc' is RUNNING at parallelism 3, restored from " + SAVEPOINT + ".");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(coordinator.requests).hasSize(1);
  }

  @Test
  void runFromASavepointSendsItsAbsolutePath() throws Exception {
    Path jar = dir.resolve("job.jar");
    Files.write(jar, new byte[] {'P', 'K', 3, 4, 1});
    coordinator.accepted = JobCommandsTest.job(JobState.JOB_CREATED, TaskState.TASK_DEPLOYING);

    TestCli.Result r = trib("job", "run", jar.toString(), "--from-savepoint", "sp-dir", "--detached");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(((SubmitJobRequest) coordinator.requests.get(0)).getFromSavepoint())
        .isEqualTo(Path.of("sp-dir").toAbsolutePath().normalize().toString());
  }

  @Test
  void describeShowsCheckpointHistoryWithFailureReasonsTheLastRestoreAndRestarts() throws Exception {
    coordinator.describeAnswers(withCheckpoints());

    TestCli.Result table = trib("job", "describe", ID);
    TestCli.Result json = trib("--output", "json", "job", "describe", ID);

    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("Restarts:     2 (attempt 2 running)",
        "Restored:     checkpoint 5 from /data/checkpoints/" + ID + "/chk-5 at ",
        "Checkpoints (newest first):",
        "Checkpoint 6 FAILED: checkpoint 6 expired after 10.0 s before subtasks 2/0, 2/1 acknowledged");
    assertThat(table.outLines()).anySatisfy(line -> assertThat(line)
        .matches(" *7 +checkpoint +COMPLETED +\\S+ \\S+ +1\\.2 s +1\\.5 MiB +40 ms +4/4 +/data/checkpoints/.*chk-7"));
    JsonNode doc = Json.MAPPER.readTree(json.out());
    assertThat(doc.get("restarts").asInt()).isEqualTo(2);
    assertThat(doc.get("attempt").asInt()).isEqualTo(2);
    assertThat(doc.get("lastRestore").get("checkpointId").asLong()).isEqualTo(5);
    JsonNode newest = doc.get("checkpoints").get(0);
    assertThat(newest.get("id").asLong()).isEqualTo(7);
    assertThat(newest.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(newest.get("stateBytes").asLong()).isEqualTo(1_572_864);
    assertThat(newest.get("failure").isNull()).isTrue();
    assertThat(doc.get("checkpoints").get(1).get("failure").asText()).contains("expired");
  }

  @Test
  void aJobWithoutCheckpointsShowsNoHistoryAndNullRestore() throws Exception {
    coordinator.describeAnswers(JobCommandsTest.job(JobState.JOB_RUNNING, TaskState.TASK_RUNNING));

    TestCli.Result table = trib("job", "describe", ID);
    JsonNode doc = Json.MAPPER.readTree(trib("--output", "json", "job", "describe", ID).out());

    assertThat(table.out()).doesNotContain("Checkpoints", "Restored:", "Restarts:");
    assertThat(doc.get("lastRestore").isNull()).isTrue();
    assertThat(doc.get("checkpoints").size()).isZero();
  }

  private static JobDescription withCheckpoints() {
    String base = "/data/checkpoints/" + ID + "/chk-";
    return JobCommandsTest.job(JobState.JOB_RUNNING, TaskState.TASK_RUNNING).toBuilder()
        .setAttempt(2).setRestarts(2)
        .setLastRestore(RestoreInfo.newBuilder().setCheckpointId(5).setPath(base + 5).setRestoreTimeMs(1_800_000_100_000L))
        .addCheckpoints(CheckpointInfo.newBuilder().setCheckpointId(7).setStatus(CheckpointStatus.CHECKPOINT_COMPLETED)
            .setTriggerTimeMs(1_800_000_200_000L).setDurationMs(1_200).setStateBytes(1_572_864).setAlignmentMs(40)
            .setAcknowledged(4).setSubtasks(4).setPath(base + 7))
        .addCheckpoints(CheckpointInfo.newBuilder().setCheckpointId(6).setStatus(CheckpointStatus.CHECKPOINT_FAILED)
            .setTriggerTimeMs(1_800_000_150_000L).setDurationMs(10_000).setAcknowledged(2).setSubtasks(4)
            .setFailure("checkpoint 6 expired after 10.0 s before subtasks 2/0, 2/1 acknowledged"))
        .build();
  }

  private TestCli.Result trib(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--coordinator";
    all[1] = coordinator.address();
    System.arraycopy(args, 0, all, 2, args.length);
    return TestCli.run(all);
  }
}
