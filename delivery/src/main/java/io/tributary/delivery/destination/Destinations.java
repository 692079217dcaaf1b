package io.tributary.delivery.destination;

import io.tributary.delivery.spec.DestinationUri;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Opens, checks and probes destinations by kind. Stateless. */
public final class Destinations {
  private Destinations() {}

  /** A destination for {@code uri} configured by {@code options}. */
  public static Destination open(DestinationUri uri, Map<String, String> options) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Refuses options that do not fit the destination (unknown keys, JDBC without table or columns). */
  public static void validateOptions(DestinationUri uri, Map<String, String> options) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** A warning when the destination cannot be reached now (creation goes on: it may come up later). */
  public static Optional<String> probe(DestinationUri uri, Map<String, String> options, Duration timeout) {
    throw new UnsupportedOperationException("not built yet");
  }
}
