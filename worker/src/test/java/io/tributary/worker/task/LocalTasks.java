package io.tributary.worker.task;

import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import io.tributary.common.jobs.JobClassLoader;
import io.tributary.proto.v1.TaskState;
import io.tributary.worker.TestJobs;
import java.io.IOException;
import io.tributary.worker.TaskKey;
import io.tributary.worker.exchange.ExchangeEnvironment;
import io.tributary.worker.exchange.ExchangeSettings;
import io.tributary.worker.exchange.KryoCodecRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Runs every subtask of a plan in this JVM on one exchange (local channels only). */
final class LocalTasks implements AutoCloseable {
  static final String ADDRESS = "127.0.0.1:1";

  final String jobId;
  final ExchangeEnvironment exchange;
  final List<Task> tasks = new ArrayList<>();
  final Map<TaskKey, TaskState> states = new ConcurrentHashMap<>();
  final Map<TaskKey, String> failures = new ConcurrentHashMap<>();

  LocalTasks(String jobId, JobPlan plan) {
    this.jobId = jobId;
    KryoCodecRegistry codecs = new KryoCodecRegistry();
    codecs.register(jobId, getClass().getClassLoader());
    this.exchange = new ExchangeEnvironment(ADDRESS, new ExchangeSettings(64, 2, 2, Duration.ofSeconds(10)), codecs);
    TaskServices services = new TaskServices(TaskExchange.of(exchange), Clock.systemUTC(), null);
    for (JobVertex vertex : plan.vertices()) {
      for (int s = 0; s < vertex.parallelism(); s++) {
        TaskKey key = new TaskKey(jobId, vertex.id(), s, 0);
        List<List<String>> addresses = new ArrayList<>();
        vertex.inputs().forEach(e -> addresses.add(
            Collections.nCopies(plan.vertex(e.sourceVertex()).parallelism(), ADDRESS)));
        JobPlan own = copy(plan); // as on a worker, every subtask has its own operator instances
        TaskSpec spec = new TaskSpec(key, own, own.vertex(vertex.id()), InputChannels.of(own, vertex, key, addresses),
            getClass().getClassLoader());
        tasks.add(new Task(spec, services, (task, state, failure) -> {
          states.put(task.key(), state);
          if (!failure.isEmpty()) {
            failures.put(task.key(), failure);
          }
        }));
      }
    }
  }

  private static JobPlan copy(JobPlan plan) {
    try {
      return (JobPlan) JobClassLoader.deserialize(TestJobs.serialize(plan), LocalTasks.class.getClassLoader());
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  LocalTasks start() {
    tasks.forEach(Task::start);
    return this;
  }

  long count(TaskState state) {
    return states.values().stream().filter(s -> s == state).count();
  }

  @Override
  public void close() throws InterruptedException {
    tasks.forEach(Task::cancel);
    for (Task task : tasks) {
      if (!task.join(10_000)) {
        throw new IllegalStateException("subtask " + task.key() + " did not end within 10s of cancel");
      }
    }
    exchange.close();
  }
}
