package io.tributary.delivery.job;

import io.tributary.delivery.destination.Destination;
import io.tributary.delivery.destination.Destinations;
import io.tributary.delivery.format.ObjectEncoder;
import io.tributary.delivery.spec.DeliverySpec;
import io.tributary.delivery.spec.DestinationUri;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Opens a delivery subtask's destination and error destination with their publisher. Stateless. */
final class DeliveryDestinations {
  private DeliveryDestinations() {}

  static BatchPublisher publisher(DeliverySpec spec, ObjectEncoder encoder, ObjectKeys keys, DeliveryMetrics metrics,
      Clock clock, String threadName) throws Exception {
    DestinationUri target = spec.destinationUri();
    DestinationUri errorTarget = spec.errorDestinationUri();
    Destination destination = Destinations.open(target, spec.options());
    Destination errors;
    try {
      errors = Destinations.open(errorTarget, optionsFor(errorTarget, spec.options()));
    } catch (RuntimeException e) {
      try (destination) {
        throw e;
      }
    }
    return new BatchPublisher(destination, errors, target.isObjectStore(), encoder, keys, metrics, clock,
        Duration.ofMillis(spec.retryDurationMillis()), threadName);
  }

  /**
   * The options that apply to {@code uri}: one set of options configures both destinations, so an
   * error destination of another kind takes only the options of its own kind ({@code s3.*}).
   */
  static Map<String, String> optionsFor(DestinationUri uri, Map<String, String> options) {
    String prefix = uri.scheme() + ".";
    Map<String, String> own = new TreeMap<>();
    options.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        own.put(key, value);
      }
    });
    return own;
  }
}
