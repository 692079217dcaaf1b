package io.tributary.broker.internal;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * Answers whether a consumer is registered on a stream: from the registry's view of ZooKeeper,
 * and for a name not seen there yet, from ZooKeeper itself. Thread-safe.
 *
 * <p>The second look matters because a client that registers a consumer and subscribes at once can
 * reach the broker before the registration's ZooKeeper event does.
 */
final class RegisteredConsumers {
  /** Kinesis's consumer name form; other names cannot be registered, so ZooKeeper is not asked. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

  private final BiPredicate<String, String> registeredInZooKeeper;

  /** {@code registeredInZooKeeper} tests (stream, consumer) against ZooKeeper directly. */
  RegisteredConsumers(BiPredicate<String, String> registeredInZooKeeper) {
    this.registeredInZooKeeper = registeredInZooKeeper;
  }

  /** @throws TributaryException RESOURCE_NOT_FOUND if {@code consumer} is not registered on it */
  void require(StreamState stream, String consumer) {
    if (stream.consumers().contains(consumer)) {
      return;
    }
    if (!NAME.matcher(consumer).matches() || !askZooKeeper(stream.name(), consumer)) {
      throw new TributaryException(
          ErrorCode.RESOURCE_NOT_FOUND,
          "consumer '" + consumer + "' is not registered on stream '" + stream.name() + "'; register it with 'trib "
              + "consumer register " + stream.name() + " " + consumer + "'");
    }
  }

  private boolean askZooKeeper(String stream, String consumer) {
    try {
      return registeredInZooKeeper.test(stream, consumer);
    } catch (RuntimeException e) {
      throw new TributaryException(
          ErrorCode.UNAVAILABLE,
          "cannot check in ZooKeeper whether consumer '" + consumer + "' is registered on stream '" + stream + "': "
              + e.getMessage() + "; retry once ZooKeeper is reachable", e);
    }
  }
}
