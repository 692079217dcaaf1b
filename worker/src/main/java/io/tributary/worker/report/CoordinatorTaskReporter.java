package io.tributary.worker.report;

import io.grpc.ManagedChannel;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.CheckpointAck;
import io.tributary.proto.v1.CheckpointDecline;
import io.tributary.proto.v1.JobControlGrpc;
import io.tributary.proto.v1.TaskReport;
import io.tributary.proto.v1.TaskReportAck;
import io.tributary.proto.v1.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sends {@code JobControl.ReportTasks} to the leading coordinator from one reporter thread:
 * transitions and checkpoint acknowledgements/declines as soon as they happen, the metrics of running
 * subtasks every interval. Thread-safe.
 *
 * <p>One thread sends everything, so a periodic report can never overtake a later transition of the
 * same subtask; transitions and checkpoint messages are retried (bounded) across leader changes,
 * metrics are not.
 */
public final class CoordinatorTaskReporter implements TaskReporter {
  private static final Logger LOG = LogManager.getLogger(CoordinatorTaskReporter.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration TRANSITION_RETRY = Duration.ofSeconds(30);
  private static final long BACKOFF_MS = 200;
  private static final long CLOSE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final String workerId;
  private final CoordinatorLocator locator;
  private final RunningTasks tasks;
  private final long intervalNanos;
  /** Transitions ({@link TaskStatus}), acknowledgements and declines, in the order they happened. */
  private final LinkedBlockingQueue<Object> transitions = new LinkedBlockingQueue<>();
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closed;

  public CoordinatorTaskReporter(String workerId, CoordinatorLocator locator, RunningTasks tasks, Duration interval) {
    this.workerId = workerId;
    this.locator = locator;
    this.tasks = tasks;
    this.intervalNanos = interval.toNanos();
    this.thread = new Thread(this::loop, "worker-" + workerId + "-reporter");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void report(TaskStatus transition) {
    transitions.add(transition);
  }

  @Override
  public void acknowledge(CheckpointAck ack) {
    transitions.add(ack);
  }

  @Override
  public void decline(CheckpointDecline decline) {
    transitions.add(decline);
  }

  @Override
  public void coordinatorHint(String address) {
    locator.hint(address);
  }

  private void loop() {
    long nextHeartbeat = System.nanoTime() + intervalNanos;
    while (!closed || !transitions.isEmpty()) {
      try {
        List<Object> batch = new ArrayList<>();
        long wait = closed ? 0 : Math.max(0, Math.min(nextHeartbeat - System.nanoTime(), CLOSE_CHECK_NANOS));
        Object first = transitions.poll(wait, TimeUnit.NANOSECONDS);
        if (first != null) {
          batch.add(first);
          transitions.drainTo(batch);
          sendInOrder(batch);
        }
        if (!closed && System.nanoTime() - nextHeartbeat >= 0) {
          nextHeartbeat = System.nanoTime() + intervalNanos;
          List<TaskStatus> running = tasks.running();
          if (!running.isEmpty()) {
            send(running, Duration.ZERO);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Sends consecutive transitions as one report, each checkpoint message on its own, in order. */
  private void sendInOrder(List<Object> messages) throws InterruptedException {
    List<TaskStatus> statuses = new ArrayList<>();
    for (Object message : messages) {
      if (message instanceof TaskStatus status) {
        statuses.add(status);
        continue;
      }
      if (!statuses.isEmpty()) {
        send(statuses, TRANSITION_RETRY);
        statuses = new ArrayList<>();
      }
      String what = message instanceof CheckpointAck ack ? "acknowledgement of checkpoint " + ack.getCheckpointId()
          : "decline of checkpoint " + ((CheckpointDecline) message).getCheckpointId();
      call(stub -> {
        if (message instanceof CheckpointAck ack) {
          stub.acknowledgeCheckpoint(ack);
        } else {
          stub.declineCheckpoint((CheckpointDecline) message);
        }
      }, what, TRANSITION_RETRY);
    }
    if (!statuses.isEmpty()) {
      send(statuses, TRANSITION_RETRY);
    }
  }

  /** Sends until accepted or {@code retryFor} passed; a failure after that is logged and dropped. */
  private void send(List<TaskStatus> statuses, Duration retryFor) throws InterruptedException {
    TaskReport report = TaskReport.newBuilder().setWorkerId(workerId).addAllTasks(statuses).build();
    call(stub -> {
      TaskReportAck ack = stub.reportTasks(report);
      if (ack.getUnknownCount() > 0) {
        tasks.unknown(ack.getUnknownList());
      }
    }, statuses.size() + " subtask status(es)", retryFor);
  }

  /** Calls the leader until accepted or {@code retryFor} passed; a failure after that is logged and dropped. */
  private void call(java.util.function.Consumer<JobControlGrpc.JobControlBlockingStub> rpc, String what,
      Duration retryFor) throws InterruptedException {
    long deadline = System.nanoTime() + retryFor.toNanos();
    while (true) {
      String address = locator.current();
      TributaryException failure;
      if (address == null) {
        failure = new TributaryException(ErrorCode.UNAVAILABLE, "no coordinator address is known yet");
      } else {
        try {
          rpc.accept(JobControlGrpc.newBlockingStub(channel(address))
              .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
          return;
        } catch (RuntimeException e) {
          failure = GrpcErrors.fromGrpc(e);
        }
      }
      if (failure.code() == ErrorCode.NOT_LEADER && failure.leaderAddress().isPresent()) {
        locator.hint(failure.leaderAddress().get());
      } else {
        locator.refresh();
      }
      // a refusal (e.g. of an older attempt's acknowledgement) will not change by asking again
      if (closed || System.nanoTime() - deadline >= 0 || !failure.code().retryable()) {
        LOG.warn("could not send the {} to the coordinator: {}", what, failure.describe());
        return;
      }
      Thread.sleep(BACKOFF_MS);
    }
  }

  private ManagedChannel channel(String address) {
    return channels.computeIfAbsent(address, GrpcChannels::forAddress);
  }

  @Override
  public void close() {
    closed = true;
    try {
      // the loop sends what is queued once (no retries while closing), then ends
      thread.join(CALL_TIMEOUT.toMillis() + 1_000);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    channels.values().forEach(GrpcChannels::close);
    channels.clear();
  }
}
