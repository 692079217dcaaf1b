package io.tributary.worker.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.api.graph.JobPlan;
import io.tributary.api.time.WatermarkStrategy;
import io.tributary.proto.v1.TaskState;
import io.tributary.worker.TaskKey;
import io.tributary.worker.TestJobs;
import io.tributary.worker.TestJobs.CountingSink;
import io.tributary.worker.TestJobs.SequenceSource;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TaskRuntimeTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void keyedCountsArriveOncePerRecordAcrossSubtasks() throws Exception {
    String run = newId();
    JobPlan plan = TestJobs.sourceKeyedSink("count", new SequenceSource(run, 10_000, List.of()),
        WatermarkStrategy.forMonotonousTimestamps(), -1, 2, new CountingSink(run, Duration.ZERO), 3);
    try (LocalTasks tasks = new LocalTasks(newId(), plan).start()) {
      await().atMost(PATIENCE).until(() -> tasks.count(TaskState.TASK_FINISHED) == 5);
      assertThat(TestJobs.counts(run)).hasSize(10);
      assertThat(TestJobs.counts(run).values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1_000));
      long in = tasks.tasks.stream().filter(t -> t.key().vertexId() == 1).mapToLong(t -> t.metrics().recordsIn()).sum();
      long out = tasks.tasks.stream().filter(t -> t.key().vertexId() == 0).mapToLong(t -> t.metrics().recordsOut()).sum();
      assertThat(in).isEqualTo(10_000);
      assertThat(out).isEqualTo(10_000);
      long counted = tasks.tasks.stream().filter(t -> t.key().vertexId() == 1)
          .mapToLong(t -> t.metrics().user().read().getOrDefault(CountingSink.COUNTED, 0L)).sum();
      assertThat(counted).as("the sink's user counter").isEqualTo(10_000);
    }
  }

  @Test
  void watermarksReachTheSinkInOrderAndEndAtTheMaximum() throws Exception {
    String run = newId();
    JobPlan plan = TestJobs.sourceKeyedSink("watermarks", new SequenceSource(run, 5_000, List.of()),
        WatermarkStrategy.forMonotonousTimestamps(), -1, 2, new CountingSink(run, Duration.ZERO), 1);
    try (LocalTasks tasks = new LocalTasks(newId(), plan).start()) {
      await().atMost(PATIENCE).until(() -> tasks.count(TaskState.TASK_FINISHED) == 3);
      List<Long> seen = TestJobs.watermarks(run);
      assertThat(seen).isSorted().doesNotHaveDuplicates().last().isEqualTo(Long.MAX_VALUE);
    }
  }

  @Test
  void anIdleSourceSubtaskDoesNotHoldBackEventTime() throws Exception {
    String run = newId();
    JobPlan plan = TestJobs.sourceKeyedSink("idle", new SequenceSource(run, -1, List.of(1)),
        WatermarkStrategy.<Long>forMonotonousTimestamps().withIdleness(Duration.ofMillis(50)), -1, 2,
        new CountingSink(run, Duration.ZERO), 1);
    try (LocalTasks tasks = new LocalTasks(newId(), plan).start()) {
      await().atMost(PATIENCE).until(() -> TestJobs.watermarks(run).stream().anyMatch(w -> w > 10_000 && w < Long.MAX_VALUE));
    }
  }

  @Test
  void anExceptionInAChainedOperatorFailsTheSubtaskWithItsText() throws Exception {
    String run = newId();
    JobPlan plan = TestJobs.sourceKeyedSink("fail", new SequenceSource(run, 1_000, List.of()),
        WatermarkStrategy.noWatermarks(), 42, 2, new CountingSink(run, Duration.ZERO), 1);
    try (LocalTasks tasks = new LocalTasks(newId(), plan).start()) {
      TaskKey failing = new TaskKey(tasks.jobId, 0, 0, 0); // 42 is even: subtask 0 of 2 emits it
      await().atMost(PATIENCE).until(() -> tasks.states.get(failing) == TaskState.TASK_FAILED);
      assertThat(tasks.failures.get(failing))
          .startsWith("java.lang.IllegalStateException: boom at 42")
          .contains("at " + TestJobs.PassOperator.class.getName() + ".processElement");
    }
  }

  @Test
  void cancelInterruptsARunningSubtask() throws Exception {
    String run = newId();
    JobPlan plan = TestJobs.sourceKeyedSink("cancel", new SequenceSource(run, -1, List.of()),
        WatermarkStrategy.noWatermarks(), -1, 1, new CountingSink(run, Duration.ofMillis(1)), 1);
    LocalTasks tasks = new LocalTasks(newId(), plan).start();
    AtomicLong emitted = TestJobs.emitted(run);
    await().atMost(PATIENCE).until(() -> emitted.get() > 1_000);
    tasks.close();
    assertThat(tasks.count(TaskState.TASK_CANCELED)).isEqualTo(2);
  }
}
