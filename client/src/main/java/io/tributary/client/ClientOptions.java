package io.tributary.client;

import java.time.Duration;
import java.util.List;

/**
 * How a client reaches the cluster. Immutable.
 *
 * @param coordinators HOST:PORT of one or more coordinators; the client fails over between them and
 *     follows NotLeader redirects
 * @param requestTimeout deadline of one RPC
 */
public record ClientOptions(List<String> coordinators, Duration requestTimeout) {
  public ClientOptions {
    if (coordinators == null || coordinators.isEmpty()) {
      throw new IllegalArgumentException("at least one coordinator address is needed");
    }
    coordinators = List.copyOf(coordinators);
  }

  /** Parses a comma-separated list of coordinator addresses with a 30 s request timeout. */
  public static ClientOptions of(String coordinators) {
    return new ClientOptions(List.of(coordinators.split(",")), Duration.ofSeconds(30));
  }
}
