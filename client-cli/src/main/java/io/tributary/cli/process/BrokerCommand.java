package io.tributary.cli.process;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerServer;
import io.tributary.cli.CliContext;
import io.tributary.common.config.Configuration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trib broker}: runs a shard broker until SIGTERM or SIGINT. Confined to the command's thread. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a shard broker (stores shards, serves put, get and subscribe).",
      "Prints 'READY broker <id> HOST:PORT' once it serves requests."
    })
public final class BrokerCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions server;

  @Option(names = "--id", paramLabel = "N", description = "Broker id, unique in the cluster (default 0).")
  private Integer id;

  @Option(
      names = "--quotas",
      negatable = true,
      description = "Enforce per-shard throughput limits (--no-quotas turns them off).")
  private Boolean quotas;

  @Option(
      names = "--min-in-sync-replicas",
      paramLabel = "N",
      description = "acks=all writes need this many in-sync replicas of their shard (default 2, capped by its replicas).")
  private Integer minInSyncReplicas;

  @Option(
      names = "--replica-lag-max",
      paramLabel = "DURATION",
      description = "A follower behind its leader this long leaves the in-sync replicas (default 10s).")
  private String replicaLagMax;

  @Option(
      names = "--ack-timeout",
      paramLabel = "DURATION",
      description = "How long an acks=all write waits for the in-sync replicas before ReplicationTimeout (default 15s).")
  private String ackTimeout;

  BrokerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** The configuration this command would start the broker with. */
  Configuration configuration() {
    if (id != null && id < 0) {
      throw new ParameterException(spec.commandLine(), "--id " + id + " is negative; broker ids are 0 or more");
    }
    Map<String, String> extra = new LinkedHashMap<>();
    if (id != null) {
      extra.put(ServerKeys.BROKER_ID, id.toString());
    }
    if (quotas != null) {
      extra.put(ServerKeys.QUOTA_ENABLED, quotas.toString());
    }
    if (minInSyncReplicas != null) {
      if (minInSyncReplicas < 1) {
        throw new ParameterException(spec.commandLine(),
            "--min-in-sync-replicas " + minInSyncReplicas + " is below 1; give 1 or more");
      }
      extra.put(BrokerConfig.MIN_IN_SYNC_REPLICAS.name(), minInSyncReplicas.toString());
    }
    if (replicaLagMax != null) {
      extra.put(BrokerConfig.REPLICA_LAG_MAX.name(), replicaLagMax);
    }
    if (ackTimeout != null) {
      extra.put(BrokerConfig.ACK_TIMEOUT.name(), ackTimeout);
    }
    return server.load(spec, extra);
  }

  @Override
  public Integer call() throws Exception {
    BrokerConfig config = new BrokerConfig(configuration());
    return ServerLifecycle.serve(
        ctx,
        () -> BrokerServer.start(config, ctx.clock()),
        s -> "READY broker " + s.id() + " " + s.address());
  }
}
