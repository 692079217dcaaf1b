package io.tributary.cli.process;

import io.tributary.cli.CliContext;
import io.tributary.cli.Trib;
import io.tributary.client.ClientOptions;
import io.tributary.common.config.Configuration;
import io.tributary.gateway.AuthMode;
import io.tributary.gateway.Gateway;
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
 * {@code trib gateway}: serves the Kinesis-compatible HTTP API over the cluster until SIGTERM or
 * SIGINT. Confined to the command's thread. Stateless towards the cluster (it is a client of the
 * coordinators), so several may run behind one balancer.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
      "Run a Kinesis-compatible HTTP endpoint (AWS SDKs and the AWS CLI) in front of the cluster.",
      "Prints 'READY gateway HOST:PORT' once it serves requests. Finds the cluster through --coordinator.",
      "Requests must be signed (SigV4) with a configured access key unless --auth none.",
      "With --tls-cert and --tls-key the port serves https only."
    })
public final class GatewayCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec private CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (optional).")
  private Path config;

  @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default 127.0.0.1).")
  private String host;

  @Option(names = "--port", paramLabel = "P",
      description = "HTTP port (default " + GatewayConfig.DEFAULT_PORT + "); 0 picks a free one.")
  private Integer port;

  @Option(names = "--auth", paramLabel = "sigv4|none",
      description = "sigv4 (default): check AWS signatures; none: accept unsigned requests (local development only).")
  private String auth;

  @Option(names = "--access-keys", paramLabel = "FILE",
      description = "Access keys, one 'ID:SECRET' or 'ID SECRET' a line ('#' comments).")
  private Path accessKeysFile;

  @Option(names = "--access-key", paramLabel = "ID:SECRET", description = "An access key (repeatable).")
  private List<String> accessKeys = new ArrayList<>();

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "PEM certificate chain: serve https (TLS only, HTTP/2 and HTTP/1.1 by ALPN). Needs --tls-key.")
  private Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "Unencrypted PKCS#8 PEM private key of --tls-cert.")
  private Path tlsKey;

  @Option(
      names = {"-s", "--set"},
      paramLabel = "KEY=VALUE",
      description = "Set any gateway configuration key, e.g. --set gateway.region=eu-west-1.")
  private Map<String, String> settings = new LinkedHashMap<>();

  GatewayCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** The configuration this command would start the gateway with; bad values are usage errors. */
  GatewayConfig configuration() {
    if (config != null && !Files.isRegularFile(config)) {
      throw new ParameterException(spec.commandLine(), "configuration file " + config + " does not exist");
    }
    if (accessKeysFile != null && !Files.isRegularFile(accessKeysFile)) {
      throw new ParameterException(spec.commandLine(), "--access-keys " + accessKeysFile + " does not exist");
    }
    Map<String, String> overrides = new LinkedHashMap<>(settings);
    put(overrides, GatewayConfig.HOST.name(), host);
    put(overrides, GatewayConfig.PORT.name(), port);
    put(overrides, GatewayConfig.AUTH.name(), auth);
    put(overrides, GatewayConfig.ACCESS_KEYS_FILE.name(), accessKeysFile);
    put(overrides, GatewayConfig.TLS_CERT_FILE.name(), tlsCert);
    put(overrides, GatewayConfig.TLS_KEY_FILE.name(), tlsKey);
    if (!accessKeys.isEmpty()) {
      overrides.put(GatewayConfig.ACCESS_KEYS.name(), String.join(",", accessKeys));
    }
    try {
      if (auth != null) {
        AuthMode.parse(auth);
      }
      return new GatewayConfig(Configuration.load(config, overrides));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    GatewayConfig gateway = configuration();
    ClientOptions cluster = Trib.of(spec).clientOptions(spec);
    return ServerLifecycle.serve(
        ctx,
        () -> Gateway.start(gateway, cluster, ctx.clock()),
        g -> "READY gateway " + g.address());
  }

  private static void put(Map<String, String> overrides, String key, Object value) {
    if (value != null) {
      overrides.put(key, value.toString());
    }
  }
}
