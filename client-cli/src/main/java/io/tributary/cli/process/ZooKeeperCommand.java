package io.tributary.cli.process;

import io.tributary.cli.CliContext;
import io.tributary.cli.local.EmbeddedZooKeeper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trib zookeeper}: a standalone single-node ZooKeeper for development clusters, until
 * SIGTERM or SIGINT. Confined to the command's thread.
 */
@Command(
    name = "zookeeper",
    mixinStandardHelpOptions = true,
    description = {
      "Run a single-node ZooKeeper for development (use a ZooKeeper ensemble in production).",
      "Prints 'READY zookeeper standalone HOST:PORT' once it accepts connections."
    })
public final class ZooKeeperCommand implements Callable<Integer> {
  private static final Duration START_WAIT = Duration.ofSeconds(60);

  private final CliContext ctx;

  @Spec private CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Data directory.")
  private Path dir;

  @Option(names = "--port", paramLabel = "P", description = "Client port (default 2181); 0 picks a free one.")
  private int port = 2181;

  @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default 127.0.0.1).")
  private String host = "127.0.0.1";

  ZooKeeperCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port " + port + " is not a port; use 0 to 65535");
    }
    return ServerLifecycle.serve(
        ctx,
        () -> EmbeddedZooKeeper.start(dir, host, port, false, START_WAIT),
        zk -> "READY zookeeper standalone " + zk.connectString());
  }
}
