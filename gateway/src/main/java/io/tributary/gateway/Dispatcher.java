package io.tributary.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.error.TributaryException;
import io.tributary.gateway.wire.AwsErrors;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.gateway.wire.WireFormat;
import java.util.Optional;
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
      return error(WireFormat.JSON, GatewayException.serialization("Content-Type '" + contentType
          + "' is not served; send " + WireFormat.JSON.contentType() + " or " + WireFormat.CBOR.contentType()));
    }
    WireFormat wire = format.get();
    try {
      Operation operation = operations.find(target);
      ObjectNode result = operation.handle(new OperationInput(Codec.read(wire, body), wire));
      return new Reply(200, wire.contentType(), null, Codec.write(wire, result));
    } catch (GatewayException e) {
      return error(wire, e);
    } catch (TributaryException e) {
      return error(wire, AwsErrors.fromNative(e));
    } catch (RuntimeException e) {
      LOG.error("operation {} failed unexpectedly", target, e);
      return error(wire, new GatewayException("InternalFailureException", 500,
          "the gateway failed on this request (" + e + "); retry, and report it if it persists"));
    }
  }

  /** An error reply in {@code format}, for failures found before or outside an operation. */
  public static Reply error(WireFormat format, GatewayException e) {
    return new Reply(e.status(), format.contentType(), e.type(), AwsErrors.body(format, e));
  }
}
