package io.tributary.gateway.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;

/**
 * Maps failures to the AWS error the SDKs understand and writes its body. Thread-safe (stateless).
 *
 * <p>Client errors keep their Kinesis names with 400; everything a retry elsewhere may fix (a
 * standby coordinator, a moved leader, a short replica set) becomes a 500 InternalFailureException,
 * which every SDK retries.
 */
public final class AwsErrors {
  private AwsErrors() {}

  /** The AWS error for a native failure. */
  public static GatewayException fromNative(TributaryException e) {
    ErrorCode code = e.code();
    return switch (code) {
      case RESOURCE_NOT_FOUND, RESOURCE_IN_USE, INVALID_ARGUMENT, LIMIT_EXCEEDED, EXPIRED_ITERATOR,
          THROUGHPUT_EXCEEDED -> new GatewayException(code.kinesisName(), 400, e.getMessage());
      case UNAVAILABLE -> new GatewayException("ServiceUnavailableException", 503, e.getMessage());
      default -> new GatewayException("InternalFailureException", 500, code.shortName() + ": " + e.getMessage());
    };
  }

  /** The error body: {@code __type} and {@code message}, as the SDKs parse them. */
  public static byte[] body(WireFormat format, GatewayException e) {
    ObjectNode body = Codec.object();
    body.put("__type", e.type());
    body.put("message", e.getMessage());
    return Codec.write(format, body);
  }
}
