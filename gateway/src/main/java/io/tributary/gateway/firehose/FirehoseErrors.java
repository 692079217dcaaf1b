package io.tributary.gateway.firehose;

import io.tributary.common.error.TributaryException;
import io.tributary.gateway.wire.GatewayException;

/**
 * Maps native failures to the errors Firehose defines. Thread-safe (stateless).
 *
 * <p>Firehose has no throughput or internal-failure types: everything a retry may fix is a 503
 * ServiceUnavailableException, which the SDK retries with backoff.
 */
final class FirehoseErrors {
  static final String UNAVAILABLE = "ServiceUnavailableException";

  private FirehoseErrors() {}

  static GatewayException of(TributaryException e) {
    return switch (e.code()) {
      case RESOURCE_NOT_FOUND -> new GatewayException("ResourceNotFoundException", 400, e.getMessage());
      case RESOURCE_IN_USE -> new GatewayException("ResourceInUseException", 400, e.getMessage());
      case INVALID_ARGUMENT -> new GatewayException("InvalidArgumentException", 400, e.getMessage());
      case LIMIT_EXCEEDED -> new GatewayException("LimitExceededException", 400, e.getMessage());
      default -> new GatewayException(UNAVAILABLE, 503, e.code().shortName() + ": " + e.getMessage()
          + "; retry with backoff");
    };
  }

  static GatewayException notFound(String deliveryStream) {
    return new GatewayException("ResourceNotFoundException", 400, "delivery stream '" + deliveryStream
        + "' does not exist; create it with CreateDeliveryStream or list them with ListDeliveryStreams");
  }
}
