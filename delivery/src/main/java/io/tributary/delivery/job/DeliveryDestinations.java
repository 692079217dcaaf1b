package io.tributary.delivery.job;

import io.tributary.delivery.destination.Destination;
import io.tributary.delivery.destination.Destinations;
import io.tributary.delivery.format.ObjectEncoder;
import io.tributary.delivery.spec.DeliverySpec;
import io.tributary.delivery.spec.DestinationUri;
import java.time.Clock;
import java.time.Duration;

/** Opens a delivery subtask's destination and error destination with their publisher. Stateless. */
final class DeliveryDestinations {
  private DeliveryDestinations() {}

  static BatchPublisher publisher(DeliverySpec spec, ObjectEncoder encoder, ObjectKeys keys, DeliveryMetrics metrics,
      Clock clock, String threadName) throws Exception {
    DestinationUri target = spec.destinationUri();
    DestinationUri errorTarget = spec.errorDestinationUri();
    Destination destination = Destinations.open(target, Destinations.optionsFor(target, spec.options()));
    Destination errors;
    try {
      errors = Destinations.open(errorTarget, Destinations.optionsFor(errorTarget, spec.options()));
    } catch (RuntimeException e) {
      try (destination) {
        throw e;
      }
    }
    return new BatchPublisher(destination, errors, target.isObjectStore(), encoder, keys, metrics, clock,
        Duration.ofMillis(spec.retryDurationMillis()), threadName);
  }
}
