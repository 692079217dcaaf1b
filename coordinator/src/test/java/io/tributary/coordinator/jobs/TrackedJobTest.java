package io.tributary.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.proto.v1.SubtaskDescription;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackedJobTest {
  private static final Registrations.Worker A = new Registrations.Worker("a", "127.0.0.1:1", 4);
  private static final Registrations.Worker B = new Registrations.Worker("b", "127.0.0.1:2", 4);

  private final TrackedJob job = TrackedJob.created(new SubmittedJob("0123456789abcdef0123456789abcdef",
      new PlanShape("job", 128, List.of(new PlanShape.VertexShape(1, "source", 2, List.of()),
          new PlanShape.VertexShape(2, "sink", 2, List.of(1)))), new byte[0], 2, 128),
      Map.of(1, List.of(A, B), 2, List.of(A, B)), 1000);

  private TrackedJob.Outcome report(int vertex, int subtask, SubtaskState state, long now) {
    return job.report(job.slot(vertex, subtask), state, state == SubtaskState.FAILED ? "java.io.IOException: disk" : "",
        now);
  }

  private void reportAll(SubtaskState state, long now) {
    for (int v = 1; v <= 2; v++) {
      for (int i = 0; i < 2; i++) {
        report(v, i, state, now);
      }
    }
  }

  @Test
  void runsWhenEverySubtaskRunsAndFinishesWhenEveryOneFinished() {
    report(1, 0, SubtaskState.RUNNING, 1100);
    assertThat(job.state()).isEqualTo(JobStatus.CREATED);

    reportAll(SubtaskState.RUNNING, 1200);
    assertThat(job.state()).isEqualTo(JobStatus.RUNNING);
    assertThat(job.snapshot().runningTimeMs()).isEqualTo(1200);

    report(1, 0, SubtaskState.FINISHED, 1300);
    assertThat(job.state()).isEqualTo(JobStatus.RUNNING);
    reportAll(SubtaskState.FINISHED, 1400);
    assertThat(job.state()).isEqualTo(JobStatus.FINISHED);
    assertThat(job.snapshot().endTimeMs()).isEqualTo(1400);
    assertThat(job.workersHoldingSubtasks()).isEmpty();
  }

  @Test
  void aFailedSubtaskFailsTheJobWithItsTextAndAsksToCancelTheOthers() {
    reportAll(SubtaskState.RUNNING, 1100);

    TrackedJob.Outcome outcome = report(2, 1, SubtaskState.FAILED, 1200);

    assertThat(outcome).isEqualTo(TrackedJob.Outcome.CANCEL);
    assertThat(job.state()).isEqualTo(JobStatus.FAILED);
    assertThat(job.snapshot().failure()).contains("'sink' (2/2) on worker b").contains("java.io.IOException: disk");
    assertThat(job.snapshot().failure()).as("the user's exception comes first").startsWith("java.io.IOException: disk");
    assertThat(job.workersHoldingSubtasks()).containsExactly(A.address(), B.address());
    Map<String, Integer> used = new HashMap<>();
    job.countUsedSlots(used);
    assertThat(used).as("subtask 0 of both vertices shares one slot on a").containsOnly(Map.entry("a", 1), Map.entry("b", 1));

    assertThat(report(1, 0, SubtaskState.CANCELED, 1300).changed()).isTrue();
    assertThat(job.state()).isEqualTo(JobStatus.FAILED);
    assertThat(job.snapshot().endTimeMs()).isEqualTo(1200);
  }

  @Test
  void cancelWaitsForEverySubtaskToStop() {
    reportAll(SubtaskState.RUNNING, 1100);

    assertThat(job.cancel(1200)).isEqualTo(TrackedJob.Outcome.CANCEL);
    assertThat(job.state()).isEqualTo(JobStatus.CANCELING);
    assertThat(job.cancel(1250)).isEqualTo(TrackedJob.Outcome.NONE);
    report(1, 0, SubtaskState.CANCELED, 1300);
    report(1, 1, SubtaskState.FINISHED, 1300);
    report(2, 0, SubtaskState.CANCELED, 1300);
    assertThat(job.state()).isEqualTo(JobStatus.CANCELING);
    report(2, 1, SubtaskState.CANCELED, 1400);
    assertThat(job.state()).isEqualTo(JobStatus.CANCELED);
    assertThat(job.snapshot().endTimeMs()).isEqualTo(1400);

    assertThatThrownBy(() -> job.cancel(1500)).isInstanceOfSatisfying(TributaryException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_IN_USE)).hasMessageContaining("has CANCELED already");
  }

  @Test
  void aSubtaskFailingWhileItsJobIsCanceledCountsAsCanceled() {
    reportAll(SubtaskState.RUNNING, 1100);
    job.cancel(1200);

    report(1, 0, SubtaskState.FAILED, 1300);
    report(1, 1, SubtaskState.CANCELED, 1300);
    report(2, 0, SubtaskState.CANCELED, 1300);
    report(2, 1, SubtaskState.CANCELED, 1300);

    assertThat(job.state()).isEqualTo(JobStatus.CANCELED);
    assertThat(job.snapshot().vertices().get(0).subtasks().get(0).state()).isEqualTo(SubtaskState.CANCELED);
  }

  @Test
  void aLostWorkerFailsTheJobAndItsSubtasksStopHoldingSlots() {
    reportAll(SubtaskState.RUNNING, 1100);

    assertThat(job.workerLost("b", B.address(), 1200)).isEqualTo(TrackedJob.Outcome.CANCEL);

    assertThat(job.state()).isEqualTo(JobStatus.FAILED);
    assertThat(job.snapshot().failure()).isEqualTo("worker b at 127.0.0.1:2 was lost");
    assertThat(job.workersHoldingSubtasks()).containsExactly(A.address());
    assertThat(job.workerLost("c", "127.0.0.1:3", 1300)).isEqualTo(TrackedJob.Outcome.NONE);
  }

  @Test
  void lateAndDuplicateReportsChangeNothingAndUnconfirmedStopsAreForced() {
    reportAll(SubtaskState.RUNNING, 1100);
    report(1, 0, SubtaskState.FINISHED, 1200);
    assertThat(report(1, 0, SubtaskState.RUNNING, 1300).changed()).isFalse();
    job.cancel(1400);

    job.forceEnded("no answer", 1500);

    assertThat(job.state()).isEqualTo(JobStatus.CANCELED);
    assertThat(job.allEnded()).isTrue();
    assertThat(job.snapshot().vertices().get(1).subtasks().get(0).failure()).isEqualTo("no answer");
  }

  @Test
  void restoredJobsKeepTheirRecord() {
    reportAll(SubtaskState.RUNNING, 1100);
    JobRecord record = job.snapshot();
    assertThat(TrackedJob.restored(record).snapshot()).isEqualTo(record);
  }

  @Test
  void endedStatesAreFinal() {
    for (JobStatus ended : List.of(JobStatus.FINISHED, JobStatus.FAILED, JobStatus.CANCELED)) {
      for (JobStatus next : JobStatus.values()) {
        assertThat(ended.canMoveTo(next)).as(ended + " -> " + next).isFalse();
      }
    }
    assertThat(JobStatus.CANCELING.canMoveTo(JobStatus.RUNNING)).isFalse();
    assertThat(JobStatus.RUNNING.canMoveTo(JobStatus.CREATED)).isFalse();
  }

  @Test
  void aSubtasksLatestUserMetricsAppearInTheDescriptionAndSurviveZooKeeper() {
    reportAll(SubtaskState.RUNNING, 1100);
    job.metrics(job.slot(2, 1), 10, 0, 0, Map.of("delivery.records_in", 5L, "delivery.oldest_undelivered_age_ms", 40L));
    job.metrics(job.slot(2, 1), 12, 0, 0, Map.of("delivery.records_in", 9L, "delivery.oldest_undelivered_age_ms", 0L));

    JobRecord stored = MetadataJson.read(MetadataJson.write(job.snapshot()), JobRecord.class);
    SubtaskDescription subtask = JobDescriptions.of(stored).getVertices(1).getSubtasks(1);

    assertThat(subtask.getMetricsMap()).containsOnly(Map.entry("delivery.records_in", 9L),
        Map.entry("delivery.oldest_undelivered_age_ms", 0L));
    assertThat(JobDescriptions.of(stored).getVertices(1).getSubtasks(0).getMetricsMap()).isEmpty();
  }

  @Test
  void aJobStoredBeforeUserMetricsReadsBackWithNone() {
    String json = new String(MetadataJson.write(job.snapshot()), StandardCharsets.UTF_8).replace(",\"metrics\":{}", "");
    assertThat(json).doesNotContain("metrics");

    JobRecord stored = MetadataJson.read(json.getBytes(StandardCharsets.UTF_8), JobRecord.class);

    assertThat(stored.vertices().get(0).subtasks().get(0).metrics()).isEmpty();
  }
}
