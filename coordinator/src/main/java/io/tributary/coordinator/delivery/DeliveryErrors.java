package io.tributary.coordinator.delivery;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;

/** The refusals of delivery stream requests, worded once. Stateless. */
final class DeliveryErrors {
  private DeliveryErrors() {}

  static TributaryException exists(String name) {
    return new TributaryException(ErrorCode.RESOURCE_IN_USE, "delivery stream '" + name + "' already exists;"
        + " delete it first with 'trib delivery delete " + name + "' or choose another name");
  }

  static TributaryException deleting(String name) {
    return new TributaryException(ErrorCode.RESOURCE_IN_USE, "delivery stream '" + name + "' is being deleted;"
        + " finish it with 'trib delivery delete " + name + "', then create it again");
  }

  static TributaryException notFound(String name) {
    return new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, "delivery stream '" + name + "' does not exist;"
        + " list delivery streams with 'trib delivery list'");
  }

  static TributaryException sourceMissing(String stream) {
    return new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, "source stream '" + stream + "' does not exist;"
        + " create it with 'trib stream create " + stream + " --shards N', or use --source direct");
  }

  static TributaryException backingExists(String name, String stream) {
    return new TributaryException(ErrorCode.RESOURCE_IN_USE, "stream '" + stream + "' already exists, and a"
        + " direct-put delivery stream '" + name + "' needs that name for its records; delete the stream or"
        + " choose another delivery stream name");
  }
}
