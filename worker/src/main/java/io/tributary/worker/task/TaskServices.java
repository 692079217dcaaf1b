package io.tributary.worker.task;

import io.tributary.api.connectors.StreamConnector;
import java.time.Clock;

/**
 * What the worker lends every subtask: the exchange, the clock and the stream connector (null when
 * the worker has none). Immutable.
 */
public record TaskServices(TaskExchange exchange, Clock clock, StreamConnector streamConnector) {}
