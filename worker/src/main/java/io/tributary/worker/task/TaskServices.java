package io.tributary.worker.task;

import io.tributary.api.connectors.StreamConnector;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What the worker lends every subtask: the exchange, the clock, the stream connector (null when
 * the worker has none), where checkpoint acknowledgements go and the executor that writes state
 * files off the task threads. Immutable.
 */
public record TaskServices(TaskExchange exchange, Clock clock, StreamConnector streamConnector,
    CheckpointResponder checkpoints, Executor checkpointIo) {
  /** Services for subtasks whose checkpoints nobody collects (state files are written on the task thread). */
  public TaskServices(TaskExchange exchange, Clock clock, StreamConnector streamConnector) {
    this(exchange, clock, streamConnector, CheckpointResponder.LOGGING, Runnable::run);
  }
}
