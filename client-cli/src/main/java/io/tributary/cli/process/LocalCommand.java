package io.tributary.cli.process;

import io.tributary.cli.CliContext;
import io.tributary.cli.local.LocalCluster;
import io.tributary.cli.local.LocalClusterBuilder;
import io.tributary.cli.local.PortLayout;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.Configuration;
import io.tributary.gateway.AuthMode;
import io.tributary.gateway.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trib local}: a whole cluster in this process, for development and the quickstart, until
 * SIGTERM or SIGINT. Confined to the command's thread.
 */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = {
      "Run a whole cluster in one process: ZooKeeper, coordinator(s), brokers and workers, talking gRPC on loopback.",
      "Prints 'READY coordinator=HOST:PORT kinesis=http://HOST:PORT' once it serves requests and every worker",
      "is registered; stops on SIGTERM or SIGINT.",
      "Ports from the base P: coordinator P, brokers P+1.., ZooKeeper P+81, Kinesis-compatible endpoint P+82,",
      "more coordinators P+91..;",
      "--port-base 0 picks free ports. Workers always take free ports (jobs find them through ZooKeeper).",
      "Streams created without --replication get min(3, N) replicas per shard for --brokers N: one broker keeps one",
      "copy; three or more brokers keep three, and a shard survives the loss of a broker.",
      "The Kinesis-compatible endpoint accepts unsigned requests unless access keys are given (then it checks",
      "AWS SigV4 signatures). With --tls-cert and --tls-key it serves https only (READY then says kinesis=https://)."
    })
public final class LocalCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec private CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Data directory, kept after exit (default: a temporary one, deleted at exit).")
  private Path dir;

  @Option(names = "--brokers", paramLabel = "N", description = "Number of brokers (default 1).")
  private int brokers = 1;

  @Option(names = "--coordinators", paramLabel = "N", description = "Number of coordinators (default 1).")
  private int coordinators = 1;

  @Option(names = "--workers", paramLabel = "N",
      description = "Number of workers, which run stream-processing jobs (default 1; 0 for streams only).")
  private int workers = 1;

  @Option(names = "--slots", paramLabel = "N",
      description = "Task slots per worker: subtasks it runs at once (default " + LocalClusterBuilder.DEFAULT_SLOTS + ").")
  private int slots = LocalClusterBuilder.DEFAULT_SLOTS;

  @Option(names = "--port-base", paramLabel = "P", description = "First port (default 7400); 0 picks free ports.")
  private int portBase = CommonKeys.DEFAULT_COORDINATOR_PORT;

  @Option(names = "--quotas", description = "Enforce per-shard throughput limits (off by default).")
  private boolean quotas;

  @Option(names = "--kinesis-port", paramLabel = "P",
      description = "Port of the Kinesis-compatible endpoint (default: port base + 82; free when the base is 0).")
  private Integer kinesisPort;

  @Option(names = "--access-key", paramLabel = "ID:SECRET",
      description = "An access key the Kinesis-compatible endpoint accepts (repeatable); requires signed requests.")
  private List<String> accessKeys = new ArrayList<>();

  @Option(names = "--access-keys", paramLabel = "FILE",
      description = "Access keys, one 'ID:SECRET' a line; requires signed requests.")
  private Path accessKeysFile;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "PEM certificate chain: the Kinesis-compatible endpoint serves https only. Needs --tls-key.")
  private Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "Unencrypted PKCS#8 PEM private key of --tls-cert.")
  private Path tlsKey;

  @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Set a configuration key of every process.")
  private Map<String, String> settings = new LinkedHashMap<>();

  LocalCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** A builder for the cluster this command would start; bad values are usage errors. */
  LocalClusterBuilder builder() {
    try {
      LocalClusterBuilder builder = LocalCluster.builder()
          .brokers(brokers).coordinators(coordinators).workers(workers).slots(slots).portBase(portBase)
          .quotas(quotas).clock(ctx.clock());
      if (dir != null) {
        builder.dir(dir);
      }
      settings.forEach(builder::set);
      return builder;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * The endpoint's configuration: unsigned requests unless keys are given, since a local cluster is
   * for development and the AWS tools then work with any credentials.
   */
  GatewayConfig gatewayConfig() {
    if (kinesisPort != null && (kinesisPort < 0 || kinesisPort > 65535)) {
      throw new ParameterException(spec.commandLine(), "--kinesis-port " + kinesisPort + " is not a port; use 0 to 65535");
    }
    if (accessKeysFile != null && !Files.isRegularFile(accessKeysFile)) {
      throw new ParameterException(spec.commandLine(), "--access-keys " + accessKeysFile + " does not exist");
    }
    Map<String, String> keys = new LinkedHashMap<>(settings);
    boolean signed = !accessKeys.isEmpty() || accessKeysFile != null;
    keys.putIfAbsent(GatewayConfig.AUTH.name(), signed ? "sigv4" : "none");
    keys.put(GatewayConfig.PORT.name(), String.valueOf(kinesisPort != null ? kinesisPort : kinesisPortOf(portBase)));
    if (!accessKeys.isEmpty()) {
      keys.put(GatewayConfig.ACCESS_KEYS.name(), String.join(",", accessKeys));
    }
    if (accessKeysFile != null) {
      keys.put(GatewayConfig.ACCESS_KEYS_FILE.name(), accessKeysFile.toString());
    }
    if (tlsCert != null) {
      keys.put(GatewayConfig.TLS_CERT_FILE.name(), tlsCert.toString());
    }
    if (tlsKey != null) {
      keys.put(GatewayConfig.TLS_KEY_FILE.name(), tlsKey.toString());
    }
    try {
      return new GatewayConfig(Configuration.of(keys));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private int kinesisPortOf(int base) {
    try {
      return new PortLayout(base).kinesis();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    LocalClusterBuilder builder = builder();
    GatewayConfig gateway = gatewayConfig();
    if (gateway.auth() == AuthMode.NONE) {
      ctx.err().println("warning: the Kinesis-compatible endpoint accepts unsigned requests; give --access-key"
          + " ID:SECRET to require AWS signatures");
    }
    return ServerLifecycle.serve(ctx, () -> LocalWithGateway.start(builder.start(), gateway, ctx.clock()),
        LocalWithGateway::readyLine);
  }
}
