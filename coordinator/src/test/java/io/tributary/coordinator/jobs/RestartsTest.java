package io.tributary.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.checkpoint.CheckpointSettings;
import io.tributary.api.checkpoint.RestartStrategy;
import io.tributary.common.jobs.CheckpointMetadata;
import io.tributary.common.zk.Registrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RESTARTING path of {@link TrackedJob} and the choice of what a restart restores. */
class RestartsTest {
  private static final String ID = "0123456789abcdef0123456789abcdef";
  private static final Registrations.Worker A = new Registrations.Worker("a", "127.0.0.1:1", 4);
  private static final Registrations.Worker B = new Registrations.Worker("b", "127.0.0.1:2", 4);

  @TempDir Path dir;

  private static TrackedJob job(RestartStrategy strategy) {
    PlanShape shape = new PlanShape("job", 128, List.of(new PlanShape.VertexShape(1, "source", 2, List.of())),
        CheckpointSettings.every(Duration.ofSeconds(1)), strategy);
    return TrackedJob.created(new SubmittedJob(ID, shape, new byte[0], 2, 128), Map.of(1, List.of(A, B)), 1000);
  }

  private static void reportAll(TrackedJob job, SubtaskState state, long now) {
    job.report(job.slot(1, 0), state, "", now);
    job.report(job.slot(1, 1), state, "", now);
  }

  @Test
  void aFailureRestartsAfterTheOldAttemptStoppedAndTheDelayPassed() {
    TrackedJob job = job(RestartStrategy.fixedDelay(1, Duration.ofSeconds(2)));
    reportAll(job, SubtaskState.RUNNING, 1100);

    TrackedJob.Outcome outcome = job.report(job.slot(1, 0), SubtaskState.FAILED, "java.lang.Error: boom", 1200);

    assertThat(outcome).isEqualTo(TrackedJob.Outcome.CANCEL);
    assertThat(job.state()).isEqualTo(JobStatus.RESTARTING);
    assertThat(job.restartDue(5000)).as("subtask 1 still runs").isFalse();
    job.report(job.slot(1, 1), SubtaskState.CANCELED, "canceled", 1300);
    assertThat(job.state()).as("the old attempt stopping does not fail the job again").isEqualTo(JobStatus.RESTARTING);
    assertThat(job.restartDue(3199)).isFalse();
    assertThat(job.restartDue(3200)).isTrue();

    RestoreRecord restore = new RestoreRecord(4, "/ckpt/chk-4", 3200, false);
    job.redeployed(Map.of(1, List.of(B, B)), restore);
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.slot(1, 0).workerId).isEqualTo("b");
    assertThat(job.slot(1, 0).state).isEqualTo(SubtaskState.DEPLOYING);
    reportAll(job, SubtaskState.RUNNING, 3300);
    JobRecord record = job.snapshot();
    assertThat(record.state()).isEqualTo(JobStatus.RUNNING);
    assertThat(record.restarts()).isEqualTo(1);
    assertThat(record.lastRestore()).isEqualTo(restore);

    job.report(job.slot(1, 1), SubtaskState.FAILED, "java.lang.Error: again", 3400);
    assertThat(job.state()).as("one restart allowed").isEqualTo(JobStatus.FAILED);
    assertThat(job.snapshot().failure()).contains("java.lang.Error: again");
  }

  @Test
  void withoutARestartStrategyAFailureFailsTheJob() {
    TrackedJob job = job(RestartStrategy.none());
    reportAll(job, SubtaskState.RUNNING, 1100);

    job.workerLost("a", A.address(), 1200);

    assertThat(job.state()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void cancelingARestartingJobEndsIt() {
    TrackedJob job = job(RestartStrategy.fixedDelay(5, Duration.ofMinutes(1)));
    reportAll(job, SubtaskState.RUNNING, 1100);
    job.workerLost("a", A.address(), 1200);
    job.report(job.slot(1, 1), SubtaskState.CANCELED, "", 1300);

    job.cancel(1400);

    assertThat(job.state()).isEqualTo(JobStatus.CANCELED);
    assertThat(job.restartDue(Long.MAX_VALUE)).isFalse();
  }

  private Path completed(long id) throws IOException {
    Path chk = Files.createDirectories(dir.resolve("chk-" + id));
    new CheckpointMetadata(ID, id, 0, false, 128, List.of()).write(chk);
    return chk;
  }

  private static RetainedCheckpoints.Retained retained(long id, Path path) {
    return new RetainedCheckpoints.Retained(id, path.toString(), 0);
  }

  @Test
  void restoresTheNewestReadableCheckpointAndFallsBackPastBrokenOnes() throws IOException {
    Path first = completed(1);
    Path second = completed(2);
    Path third = completed(3);
    Files.writeString(third.resolve(CheckpointMetadata.FILE), "{broken");

    Restores.Choice choice = Restores.choose(ID, List.of(retained(1, first), retained(2, second), retained(3, third)),
        Set.of(second.toString()), "", 500);

    assertThat(choice.unusable()).isNull();
    assertThat(choice.restore()).isEqualTo(new RestoreRecord(1, first.toString(), 500, false));
  }

  @Test
  void startsFreshWithoutCheckpointsButFailsWhenNoneOfThemCanBeRestored() throws IOException {
    assertThat(Restores.choose(ID, List.of(), Set.of(), "", 0)).isEqualTo(new Restores.Choice(null, null));

    Path gone = dir.resolve("chk-9");
    Restores.Choice choice = Restores.choose(ID, List.of(retained(9, gone)), Set.of(), "", 0);
    assertThat(choice.restore()).isNull();
    assertThat(choice.unusable()).contains("no retained checkpoint of the job can be restored").contains(gone.toString());
  }

  @Test
  void beforeItsFirstCheckpointAJobRestoresTheSavepointItStartedFrom() throws IOException {
    Path savepoint = completed(5);

    Restores.Choice choice = Restores.choose(ID, List.of(), Set.of(), savepoint.toString(), 0);

    assertThat(choice.restore().checkpointId()).isEqualTo(5);
    assertThat(choice.restore().path()).isEqualTo(savepoint.toString());
  }
}
