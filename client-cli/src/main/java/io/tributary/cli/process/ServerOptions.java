package io.tributary.cli.process;

import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.Configuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options every server process takes. They override the configuration file, so that a
 * multi-process cluster starts without writing one. Confined to the command's thread.
 */
public final class ServerOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (optional).")
  Path config;

  @Option(names = "--zookeeper", paramLabel = "HOST:PORT[,...]", description = "ZooKeeper connect string.")
  String zookeeper;

  @Option(names = "--host", paramLabel = "HOST", description = "Address to bind and advertise.")
  String host;

  @Option(names = "--port", paramLabel = "P", description = "gRPC port; 0 picks a free one.")
  Integer port;

  @Option(names = "--dir", paramLabel = "DIR", description = "Directory for the process's durable data.")
  Path dir;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR",
      description = "Checkpoint storage, the same directory for every coordinator and worker (default <dir>/checkpoints).")
  Path checkpointDir;

  @Option(names = "--cluster", paramLabel = "NAME", description = "Cluster name (separates clusters sharing a ZooKeeper).")
  String cluster;

  @Option(
      names = {"-s", "--set"},
      paramLabel = "KEY=VALUE",
      description = "Set any configuration key, e.g. --set zookeeper.session-timeout=10s.")
  Map<String, String> settings = new LinkedHashMap<>();

  /**
   * The configuration: these options (and {@code extra}) over the environment over the file over
   * the keys' defaults. A missing file or a bad port is a usage error.
   */
  public Configuration load(CommandSpec spec, Map<String, String> extra) {
    if (config != null && !Files.isRegularFile(config)) {
      throw new ParameterException(spec.commandLine(), "configuration file " + config + " does not exist");
    }
    if (port != null && (port < 0 || port > 65535)) {
      throw new ParameterException(spec.commandLine(), "--port " + port + " is not a port; use 0 to 65535");
    }
    Map<String, String> overrides = new LinkedHashMap<>(settings);
    put(overrides, CommonKeys.ZOOKEEPER.name(), zookeeper);
    put(overrides, CommonKeys.HOST.name(), host);
    put(overrides, CommonKeys.PORT.name(), port);
    put(overrides, CommonKeys.DIR.name(), dir);
    put(overrides, CommonKeys.CLUSTER.name(), cluster);
    put(overrides, CommonKeys.CHECKPOINT_DIR.name(), checkpointDir == null ? null : checkpointDir.toAbsolutePath());
    overrides.putAll(extra);
    return Configuration.load(config, overrides);
  }

  private static void put(Map<String, String> overrides, String key, Object value) {
    if (value != null) {
      overrides.put(key, value.toString());
    }
  }
}
