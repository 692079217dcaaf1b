package io.tributary.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.error.TributaryException;
import io.tributary.gateway.wire.AwsErrors;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.gateway.wire.WireFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Turns one request (target, content type, body) into a {@link Reply}: picks the format, finds the
 * operation, decodes, runs it and encodes the answer or the error. Thread-safe; runs on handler
 * threads, free of HTTP machinery so that it can be tested alone.
 *
 * <p>Every failure becomes an error reply, so a bad request never costs the connection or the server.
 */
public final class Dispatcher {
  private static final Logger LOG = LogManager.getLogger(Dispatcher.class);

  private final OperationTable operations;

  public Dispatcher(OperationTable operations) {
    this.operations = operations;
  }

  public Reply dispatch(String target, String contentType, byte[] body) {
    Optional<WireFormat> format = WireFormat.of(contentType);
    if (format.isEmpty()) {
      return unservedContentType(contentType);
    }
    WireFormat wire = format.get();
    return guarded(target, wire, () -> {
      Operation operation = operations.find(target);
      ObjectNode result = operation.handle(new OperationInput(Codec.read(wire, body), wire));
      return new Reply(200, wire.contentType(), null, Codec.write(wire, result));
    });
  }

  /** Whether {@code target} is answered with an event stream, through {@link #stream}. */
  public boolean streams(String target) {
    return operations.findStreaming(target) != null;
  }

  /**
   * Starts a streaming operation on the stream {@code open} makes for the request's format. Empty once
   * the stream runs; an error reply when the request is refused before the stream opened. A failure
   * after it opened is sent on the stream itself.
   */
  public Optional<Reply> stream(String target, String contentType, byte[] body, Function<WireFormat, EventStream> open) {
    Optional<WireFormat> format = WireFormat.of(contentType);
    if (format.isEmpty()) {
      return Optional.of(unservedContentType(contentType));
    }
    WireFormat wire = format.get();
    EventStream stream = open.apply(wire);
    try {
      operations.findStreaming(target).start(new OperationInput(Codec.read(wire, body), wire), stream);
      return Optional.empty();
    } catch (RuntimeException e) {
      GatewayException error = toAws(target, e);
      if (stream.opened()) {
        stream.fail(error);
        return Optional.empty();
      }
      return Optional.of(error(wire, error));
    }
  }

  /** Runs {@code work}, turning every failure into an error reply, so a bad request never costs the server. */
  private static Reply guarded(String target, WireFormat wire, Supplier<Reply> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return error(wire, toAws(target, e));
    }
  }

  private static GatewayException toAws(String target, RuntimeException e) {
    if (e instanceof GatewayException g) {
      return g;
    }
    if (e instanceof TributaryException t) {
      return AwsErrors.fromNative(t);
    }
    LOG.error("operation {} failed unexpectedly", target, e);
    return new GatewayException("InternalFailureException", 500,
        "the gateway failed on this request (" + e + "); retry, and report it if it persists");
  }

  private static Reply unservedContentType(String contentType) {
    return error(WireFormat.JSON, GatewayException.serialization("Content-Type '" + contentType
        + "' is not served; send " + WireFormat.JSON.contentType() + " or " + WireFormat.CBOR.contentType()));
  }

  /** An error reply in {@code format}, for failures found before or outside an operation. */
  public static Reply error(WireFormat format, GatewayException e) {
    return new Reply(e.status(), format.contentType(), e.type(), AwsErrors.body(format, e));
  }
}
