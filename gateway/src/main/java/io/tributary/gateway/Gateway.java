package io.tributary.gateway;

import io.tributary.client.ClientOptions;
import io.tributary.client.TributaryClient;
import io.tributary.gateway.firehose.FirehoseOps;
import io.tributary.gateway.kinesis.Arns;
import io.tributary.gateway.kinesis.KinesisConsumerOps;
import io.tributary.gateway.kinesis.KinesisRecordOps;
import io.tributary.gateway.kinesis.KinesisReshardOps;
import io.tributary.gateway.kinesis.KinesisShardOps;
import io.tributary.gateway.kinesis.KinesisStreamOps;
import io.tributary.gateway.kinesis.KinesisSubscribeOps;
import io.tributary.gateway.kinesis.KinesisTagOps;
import io.tributary.gateway.kinesis.PageTokens;
import io.tributary.gateway.kinesis.StreamUids;
import java.time.Clock;

/**
 * A running gateway process: its cluster client, its operation table and its HTTP server, assembled
 * from a {@link GatewayConfig}. Thread-safe. The one place that lists every operation family, so a
 * new one is served by adding its line to {@link #operations}.
 */
public final class Gateway implements AutoCloseable {
  private final TributaryClient client;
  private final GatewayServer server;

  private Gateway(TributaryClient client, GatewayServer server) {
    this.client = client;
    this.server = server;
  }

  /** Connects to the coordinators and serves; returns once the port is bound. */
  public static Gateway start(GatewayConfig config, ClientOptions cluster, Clock clock) {
    TributaryClient client = TributaryClient.connect(cluster, clock);
    try {
      GatewayAuth auth = GatewayAuth.of(config.auth(), config.keys(), clock);
      OperationTable table = operations(client, cluster, config.arns(), clock);
      return new Gateway(client, GatewayServer.start(config.settings(), auth, table, clock));
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * Every operation the gateway serves, over {@code client} and the coordinators of {@code cluster};
   * {@code clock} ages iterators and page tokens.
   */
  public static OperationTable operations(TributaryClient client, ClientOptions cluster, Arns arns, Clock clock) {
    OperationTable.Builder table = OperationTable.builder();
    StreamUids uids = new StreamUids(client, clock);
    new KinesisStreamOps(client, arns).register(table);
    new KinesisRecordOps(client, arns, uids).register(table);
    new KinesisShardOps(client, arns, uids, new PageTokens(clock)).register(table);
    new KinesisReshardOps(client, arns).register(table);
    new KinesisTagOps(client, arns).register(table);
    KinesisConsumerOps consumers = new KinesisConsumerOps(client, arns, clock);
    consumers.register(table);
    new KinesisSubscribeOps(client, arns, uids, consumers, clock).register(table);
    new FirehoseOps(client, cluster.coordinators(), cluster.requestTimeout(), arns).register(table);
    return table.build();
  }

  /** The bound {@code host:port}. */
  public String address() {
    return server.address();
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      client.close();
    }
  }
}
