package io.tributary.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.gateway.wire.WireFormat;
import java.time.Duration;

/**
 * The answer of a streaming operation: an HTTP 200 whose body is a sequence of AWS event-stream
 * messages, each payload in the request's {@link WireFormat}. Thread-safe: events may be sent from
 * any thread, one at a time.
 *
 * <p>Nothing is sent before {@link #open}, so an operation can still refuse with an ordinary error
 * reply until it opens the stream; after that, failures travel as an exception event.
 */
public interface EventStream {
  WireFormat format();

  /** Sends the response head and the {@code initial-response} event the SDK waits for. */
  void open();

  boolean opened();

  /**
   * Sends one event, waiting while the peer reads slower than events come (the caller is thereby
   * slowed down too); false once the peer is gone or the stream has ended, and nothing was sent.
   */
  boolean send(String eventType, ObjectNode payload);

  /** Sends {@code error} as an exception event and ends the stream. */
  void fail(GatewayException error);

  /** Ends the stream; later calls and sends do nothing. */
  void end();

  /** Runs {@code action} once when the peer goes away or the stream ends. */
  void onClosed(Runnable action);

  /** Runs {@code tick} every {@code period} until the stream ends or closes; it must not block. */
  void every(Duration period, Runnable tick);
}
