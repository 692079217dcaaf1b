package io.tributary.gateway;

/**
 * An operation answered with an {@link EventStream} (Kinesis's SubscribeToShard). Implementations
 * are thread-safe; {@link #start} runs on a handler thread and returns once the stream is running.
 */
@FunctionalInterface
public interface EventStreamOperation {
  /**
   * Validates the request and starts streaming into {@code stream}. Throwing before
   * {@link EventStream#open} answers with an ordinary error reply.
   */
  void start(OperationInput input, EventStream stream);
}
