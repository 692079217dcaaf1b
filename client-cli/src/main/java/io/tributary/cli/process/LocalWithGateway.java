package io.tributary.cli.process;

import io.tributary.cli.local.LocalCluster;
import io.tributary.client.ClientOptions;
import io.tributary.gateway.Gateway;
import io.tributary.gateway.GatewayConfig;
import java.time.Clock;

/**
 * What {@code trib local} runs: the local cluster and, in front of it, the Kinesis-compatible
 * endpoint. Thread-safe. The gateway stays out of {@link LocalCluster}, which the integration tests
 * share and which needs no HTTP endpoint.
 */
final class LocalWithGateway implements AutoCloseable {
  private final LocalCluster cluster;
  private final Gateway gateway;
  private final String scheme;

  private LocalWithGateway(LocalCluster cluster, Gateway gateway, String scheme) {
    this.cluster = cluster;
    this.gateway = gateway;
    this.scheme = scheme;
  }

  /** Starts the gateway over a started cluster; closes the cluster if the gateway cannot start. */
  static LocalWithGateway start(LocalCluster cluster, GatewayConfig config, Clock clock) {
    try {
      return new LocalWithGateway(cluster,
          Gateway.start(config, ClientOptions.of(cluster.coordinatorAddress()), clock), config.settings().scheme());
    } catch (RuntimeException e) {
      try {
        cluster.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** The READY line: the coordinators, then the endpoint (appended, so parsers of the first part keep working). */
  String readyLine() {
    return readyLine(cluster.coordinatorAddress(), scheme, gateway.address());
  }

  static String readyLine(String coordinator, String scheme, String endpoint) {
    return "READY coordinator=" + coordinator + " kinesis=" + scheme + "://" + endpoint;
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      cluster.close();
    }
  }
}
