package io.tributary.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.checkpoint.CheckpointSettings;
import io.tributary.api.checkpoint.RestartStrategy;
import io.tributary.common.jobs.CheckpointMetadata;
import io.tributary.proto.v1.NotifyCheckpointRequest;
import io.tributary.proto.v1.TriggerCheckpointRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointCoordinatorTest {
  private static final String JOB = "0123456789abcdef0123456789abcdef";
  private static final long START = 1_700_000_000_000L;
  private static final PendingCheckpoint.SubtaskKey SOURCE_0 = new PendingCheckpoint.SubtaskKey(1, 0);
  private static final PendingCheckpoint.SubtaskKey SOURCE_1 = new PendingCheckpoint.SubtaskKey(1, 1);
  private static final PendingCheckpoint.SubtaskKey SINK = new PendingCheckpoint.SubtaskKey(2, 0);

  @TempDir Path dir;
  private final RecordingGateway gateway = new RecordingGateway();
  private final MemoryLog log = new MemoryLog();
  private final CheckpointHistory history = new CheckpointHistory(List.of(), null);

  /** The log in memory. */
  static final class MemoryLog implements CheckpointLog {
    final Map<String, RetainedCheckpoints> values = new HashMap<>();

    @Override
    public RetainedCheckpoints read(String jobId) {
      return values.getOrDefault(jobId, RetainedCheckpoints.empty());
    }

    @Override
    public void write(String jobId, RetainedCheckpoints value) {
      values.put(jobId, value);
    }
  }

  private static PlanShape shape(CheckpointSettings settings) {
    return new PlanShape("job", 128, List.of(
        new PlanShape.VertexShape(1, "source", 2, List.of(), List.of("src")),
        new PlanShape.VertexShape(2, "sink", 1, List.of(1), List.of("map", "sink"))), settings, RestartStrategy.none());
  }

  private CheckpointCoordinator coordinator(CheckpointSettings settings, int attempt) {
    PlanShape shape = shape(settings);
    return new CheckpointCoordinator(JOB, attempt, 7, shape, dir.resolve(JOB), log, gateway, Runnable::run, history,
        CheckpointCoordinator.placements(shape, Map.of(1, List.of("w1:1", "w2:1"), 2, List.of("w1:1"))), START);
  }

  private static CheckpointSettings every10s() {
    return CheckpointSettings.every(Duration.ofSeconds(10)).withTimeout(Duration.ofSeconds(60));
  }

  private void ackAll(CheckpointCoordinator c, long id, long now) throws IOException {
    Path chk = dir.resolve(JOB).resolve("chk-" + id);
    for (PendingCheckpoint.SubtaskKey k : List.of(SOURCE_0, SOURCE_1, SINK)) {
      Path file = chk.resolve(k.vertexId() + "-" + k.subtask() + ".state");
      Files.write(file, new byte[] {1, 2, 3});
      c.acknowledge(k, id, file.toString(), 3, 5, now);
    }
  }

  private CheckpointRecord record(long id) {
    return history.records().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
  }

  private CheckpointRecord latest() {
    return history.records().get(0);
  }

  @Test
  void triggersEverySourceSubtaskOnceTheIntervalPassed() {
    CheckpointCoordinator c = coordinator(every10s(), 2);

    c.tick(START + 9_999);
    assertThat(gateway.triggers).isEmpty();
    c.tick(START + 10_000);

    assertThat(gateway.triggers).extracting(RecordingGateway.Sent::address).containsExactly("w1:1", "w2:1");
    TriggerCheckpointRequest first = gateway.triggers.get(0).request();
    assertThat(first.getCheckpointId()).isEqualTo(1);
    assertThat(first.getTask().getAttempt()).isEqualTo(2);
    assertThat(first.getTask().getVertexId()).isEqualTo(1);
    assertThat(first.getEpoch()).isEqualTo(7);
    assertThat(first.getDir()).isEqualTo(dir.resolve(JOB).resolve("chk-1").toString());
    assertThat(Path.of(first.getDir())).isDirectory();
    assertThat(log.read(JOB).lastId()).as("the id is recorded before the trigger leaves").isEqualTo(1);
    assertThat(latest().status()).isEqualTo(CheckpointRecord.Status.IN_PROGRESS);

    c.tick(START + 25_000);
    assertThat(gateway.triggers).as("one checkpoint at a time by default").hasSize(2);
  }

  @Test
  void completesWhenEverySubtaskAcknowledgedWritesMetadataAndNotifiesWorkers() throws IOException {
    CheckpointCoordinator c = coordinator(every10s(), 0);
    c.tick(START + 10_000);

    ackAll(c, 1, START + 10_500);

    CheckpointMetadata metadata = CheckpointMetadata.read(dir.resolve(JOB).resolve("chk-1"));
    assertThat(metadata.checkpointId()).isEqualTo(1);
    assertThat(metadata.maxParallelism()).isEqualTo(128);
    assertThat(metadata.subtasks()).extracting(CheckpointMetadata.SubtaskState::file)
        .containsExactly("1-0.state", "1-1.state", "2-0.state");
    assertThat(metadata.subtasks().get(2).uids()).containsExactly("map", "sink");
    assertThat(log.read(JOB).retained()).extracting(RetainedCheckpoints.Retained::id).containsExactly(1L);
    assertThat(gateway.notifies).extracting(RecordingGateway.Sent::address).containsExactlyInAnyOrder("w1:1", "w2:1");
    assertThat(gateway.notifies).extracting(s -> s.request().getCompleted()).containsOnly(true);
    CheckpointRecord record = latest();
    assertThat(record.status()).isEqualTo(CheckpointRecord.Status.COMPLETED);
    assertThat(record.durationMs()).isEqualTo(500);
    assertThat(record.stateBytes()).isEqualTo(9);
    assertThat(record.acknowledged()).isEqualTo(3);
  }

  @Test
  void waitsTheMinimumPauseAfterACheckpointEnded() throws IOException {
    CheckpointCoordinator c = coordinator(every10s().withMinPause(Duration.ofSeconds(8)), 0);
    c.tick(START + 10_000);
    ackAll(c, 1, START + 15_000);

    c.tick(START + 20_000);
    c.tick(START + 22_999);
    assertThat(gateway.triggers).hasSize(2);
    c.tick(START + 23_000);
    assertThat(gateway.triggers).hasSize(4);
    assertThat(gateway.triggers.get(3).request().getCheckpointId()).isEqualTo(2);
  }

  @Test
  void keepsAtMostMaxConcurrentCheckpointsInProgress() {
    CheckpointCoordinator c = coordinator(every10s().withMaxConcurrent(2), 0);

    c.tick(START + 10_000);
    c.tick(START + 20_000);
    c.tick(START + 30_000);

    assertThat(gateway.triggers).extracting(s -> s.request().getCheckpointId()).containsExactly(1L, 1L, 2L, 2L);
  }

  @Test
  void abortsACheckpointNotCompleteWithinTheTimeoutNamingTheMissingSubtasks() {
    CheckpointCoordinator c = coordinator(every10s(), 0);
    c.tick(START + 10_000);
    c.acknowledge(SOURCE_0, 1, "", 0, 0, START + 10_100);

    c.tick(START + 69_999);
    assertThat(latest().status()).isEqualTo(CheckpointRecord.Status.IN_PROGRESS);
    c.tick(START + 70_000);

    CheckpointRecord failed = record(1);
    assertThat(failed.status()).isEqualTo(CheckpointRecord.Status.FAILED);
    assertThat(failed.failure()).contains("expired after 60s").contains("[1/1, 2/0]");
    assertThat(dir.resolve(JOB).resolve("chk-1")).doesNotExist();
    assertThat(gateway.notifies).extracting(s -> s.request().getCompleted()).containsOnly(false);
    assertThat(log.read(JOB).retained()).isEmpty();
  }

  @Test
  void aDeclineFailsTheCheckpointWithItsReasonAndTheNextOneTriggersLater() {
    CheckpointCoordinator c = coordinator(every10s(), 0);
    c.tick(START + 10_000);

    c.decline(SINK, 1, "state too large", START + 10_200);

    assertThat(latest().failure()).isEqualTo("subtask 2/0 declined checkpoint 1: state too large");
    c.acknowledge(SOURCE_0, 1, "", 0, 0, START + 10_300);
    assertThat(latest().status()).isEqualTo(CheckpointRecord.Status.FAILED);
    c.tick(START + 20_000);
    assertThat(gateway.triggers.get(gateway.triggers.size() - 1).request().getCheckpointId()).isEqualTo(2);
  }

  @Test
  void anUnreachableSourceDeclinesTheCheckpoint() {
    gateway.triggersFail = true;
    CheckpointCoordinator c = coordinator(every10s(), 0);

    c.tick(START + 10_000);

    assertThat(latest().status()).isEqualTo(CheckpointRecord.Status.FAILED);
    assertThat(latest().failure()).contains("could not reach worker w1:1").contains("connection refused");
  }

  @Test
  void keepsTheRetainedNumberOfCheckpointsAndDeletesOlderDirectories() throws IOException {
    CheckpointCoordinator c = coordinator(every10s().withRetained(2), 0);
    for (int i = 1; i <= 3; i++) {
      c.tick(START + i * 10_000L);
      ackAll(c, i, START + i * 10_000L + 100);
    }

    assertThat(log.read(JOB).retained()).extracting(RetainedCheckpoints.Retained::id).containsExactly(2L, 3L);
    assertThat(dir.resolve(JOB).resolve("chk-1")).doesNotExist();
    assertThat(dir.resolve(JOB).resolve("chk-2").resolve("_metadata")).exists();
    assertThat(dir.resolve(JOB).resolve("chk-3").resolve("_metadata")).exists();
  }

  @Test
  void idsContinueFromTheLogAcrossAttempts() throws IOException {
    log.write(JOB, new RetainedCheckpoints(7, List.of()));
    CheckpointCoordinator first = coordinator(every10s(), 0);
    first.tick(START + 10_000);
    first.stop("attempt 0 failed", START + 11_000);
    assertThat(latest().status()).isEqualTo(CheckpointRecord.Status.FAILED);

    CheckpointCoordinator second = coordinator(every10s(), 1);
    second.tick(START + 10_000);

    assertThat(gateway.triggers).extracting(s -> s.request().getCheckpointId()).containsExactly(8L, 8L, 9L, 9L);
    assertThat(gateway.triggers.get(2).request().getTask().getAttempt()).isEqualTo(1);
  }

  @Test
  void finishedSubtasksCountAsAcknowledgedWithoutState() throws IOException {
    CheckpointCoordinator c = coordinator(every10s(), 0);
    c.tick(START + 10_000);
    Path file = dir.resolve(JOB).resolve("chk-1").resolve("2-0.state");
    Files.write(file, new byte[] {1});

    c.subtaskFinished(SOURCE_0, START + 10_100);
    c.subtaskFinished(SOURCE_1, START + 10_100);
    c.acknowledge(SINK, 1, file.toString(), 1, 0, START + 10_200);

    assertThat(CheckpointMetadata.read(dir.resolve(JOB).resolve("chk-1")).subtasks())
        .extracting(CheckpointMetadata.SubtaskState::vertexId).containsExactly(2);
    c.tick(START + 30_000);
    assertThat(gateway.triggers).as("no source subtask is left to trigger").hasSize(2);
  }

  @Test
  void savepointsGoToTheirDirectoryAndAreNotRetained() throws IOException {
    CheckpointCoordinator c = coordinator(every10s().withRetained(1), 0);
    Path savepoints = dir.resolve("savepoints");

    CompletableFuture<CompletedCheckpoint> done = c.savepoint(savepoints, true, START + 1_000);
    TriggerCheckpointRequest trigger = gateway.triggers.get(0).request();
    assertThat(trigger.getSavepoint()).isTrue();
    assertThat(trigger.getDrain()).isTrue();
    Path spDir = savepoints.resolve("savepoint-01234567-1");
    assertThat(trigger.getDir()).isEqualTo(spDir.toString());
    for (PendingCheckpoint.SubtaskKey k : List.of(SOURCE_0, SOURCE_1, SINK)) {
      c.acknowledge(k, 1, "", 0, 0, START + 1_500);
    }

    assertThat(done).isCompleted();
    assertThat(done.join().dir()).isEqualTo(spDir);
    assertThat(CheckpointMetadata.read(spDir).savepoint()).isTrue();
    assertThat(log.read(JOB).retained()).isEmpty();
    assertThat(log.read(JOB).lastId()).isEqualTo(1);
    assertThat(latest().savepoint()).isTrue();
  }

  @Test
  void stoppingFailsPendingSavepoints() {
    CheckpointCoordinator c = coordinator(every10s(), 0);
    CompletableFuture<CompletedCheckpoint> done = c.savepoint(dir.resolve("sp"), false, START);

    c.stop("the job is CANCELING", START + 10);

    assertThat(done).isCompletedExceptionally();
    assertThat(gateway.notifies).extracting(RecordingGateway.Sent::request).extracting(NotifyCheckpointRequest::getCompleted)
        .isEmpty();
  }
}
