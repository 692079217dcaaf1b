package io.tributary.gateway.wire;

/**
 * A request the gateway answers with an AWS error: the exception type the SDK maps to its own class
 * (e.g. {@code InvalidArgumentException}), the HTTP status, and a message naming the problem and the
 * fix. Immutable.
 */
public final class GatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final int status;

  public GatewayException(String type, int status, String message) {
    super(message);
    this.type = type;
    this.status = status;
  }

  public static GatewayException serialization(String message) {
    return new GatewayException("SerializationException", 400, message);
  }

  public static GatewayException unknownOperation(String message) {
    return new GatewayException("UnknownOperationException", 400, message);
  }

  public static GatewayException invalidArgument(String message) {
    return new GatewayException("InvalidArgumentException", 400, message);
  }

  public String type() {
    return type;
  }

  public int status() {
    return status;
  }
}
