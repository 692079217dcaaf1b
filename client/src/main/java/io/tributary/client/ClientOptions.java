package io.tributary.client;

import java.time.Duration;
import java.util.List;

/**
 * How a client reaches the cluster. Immutable.
 *
 * @param coordinators HOST:PORT of one or more coordinators; the client fails over between them and
 *     follows NotLeader redirects
 * @param requestTimeout deadline of one RPC
 * @param retryTimeout how long one operation retries retryable failures (an unreachable or
 *     re-electing coordinator, a moved shard) before it fails; a leader change is invisible within it
 */
public record ClientOptions(List<String> coordinators, Duration requestTimeout, Duration retryTimeout) {
  /** The default {@link #retryTimeout}: long enough to ride out a coordinator or broker fail-over. */
  public static final Duration DEFAULT_RETRY_TIMEOUT = Duration.ofSeconds(15);

  public ClientOptions {
    if (coordinators == null || coordinators.isEmpty()) {
      throw new IllegalArgumentException("at least one coordinator address is needed");
    }
    coordinators = coordinators.stream().map(String::trim).filter(a -> !a.isEmpty()).toList();
    if (coordinators.isEmpty()) {
      throw new IllegalArgumentException("at least one coordinator address is needed");
    }
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(retryTimeout, "retryTimeout");
  }

  public ClientOptions(List<String> coordinators, Duration requestTimeout) {
    this(coordinators, requestTimeout, DEFAULT_RETRY_TIMEOUT);
  }

  /** Parses a comma-separated list of coordinator addresses with a 30 s request timeout. */
  public static ClientOptions of(String coordinators) {
    return new ClientOptions(List.of(coordinators.split(",")), Duration.ofSeconds(30));
  }

  public ClientOptions withRequestTimeout(Duration timeout) {
    return new ClientOptions(coordinators, timeout, retryTimeout);
  }

  public ClientOptions withRetryTimeout(Duration timeout) {
    return new ClientOptions(coordinators, requestTimeout, timeout);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
    }
  }
}
