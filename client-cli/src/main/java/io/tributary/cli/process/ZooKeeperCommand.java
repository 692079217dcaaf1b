package io.tributary.cli.process;

import io.tributary.cli.CliContext;
import io.tributary.cli.local.EmbeddedZooKeeper;
import io.tributary.cli.local.EnsembleMember;
import io.tributary.cli.local.EnsembleZooKeeper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trib zookeeper}: a standalone ZooKeeper for development, or one server of a ZooKeeper
 * ensemble, until SIGTERM or SIGINT. Confined to the command's thread.
 */
@Command(
    name = "zookeeper",
    mixinStandardHelpOptions = true,
    description = {
      "Run a ZooKeeper server: standalone for development, or one server of an ensemble with --id and --ensemble.",
      "Standalone prints 'READY zookeeper standalone HOST:PORT' once it accepts connections.",
      "An ensemble server prints 'READY zookeeper N HOST:PORT' once it has joined a quorum, so start a majority"
          + " of the servers together. Example, server 1 of 3 on one machine:",
      "  trib zookeeper --dir zk1 --port 2181 --id 1"
          + " --ensemble 127.0.0.1:2888:3888,127.0.0.1:2889:3889,127.0.0.1:2890:3890",
      "Each server keeps its id in DIR/myid; a directory cannot change servers."
    })
public final class ZooKeeperCommand implements Callable<Integer> {
  private static final Duration START_WAIT = Duration.ofSeconds(60);

  private final CliContext ctx;

  @Spec private CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Data directory.")
  private Path dir;

  @Option(names = "--port", paramLabel = "P",
      description = "Client port (default 2181); 0 picks a free one (standalone only).")
  private int port = 2181;

  @Option(names = "--host", paramLabel = "HOST", description = "Address to serve clients on (default 127.0.0.1).")
  private String host = "127.0.0.1";

  @Option(names = "--id", paramLabel = "N", description = "This server's id in the ensemble: its 1-based position in --ensemble.")
  private Integer id;

  @Option(names = "--ensemble", paramLabel = "HOST:PEER_PORT:ELECTION_PORT[,...]",
      description = "Every server of the ensemble (at least 3), in id order, with the ports the servers talk on.")
  private String ensemble;

  ZooKeeperCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port " + port + " is not a port; use 0 to 65535");
    }
    if (ensemble == null && id == null) {
      return ServerLifecycle.serve(
          ctx,
          () -> EmbeddedZooKeeper.start(dir, host, port, false, START_WAIT),
          zk -> "READY zookeeper standalone " + zk.connectString());
    }
    List<EnsembleMember> members = members();
    return ServerLifecycle.serve(
        ctx,
        () -> EnsembleZooKeeper.start(dir, host, port, id, members, START_WAIT),
        zk -> "READY zookeeper " + zk.id() + " " + zk.connectString());
  }

  private List<EnsembleMember> members() {
    if (ensemble == null || id == null) {
      throw new ParameterException(spec.commandLine(),
          "an ensemble server needs both --id and --ensemble; leave both out for a standalone server");
    }
    if (port == 0) {
      throw new ParameterException(spec.commandLine(), "an ensemble server needs a fixed --port; 0 is standalone only");
    }
    List<EnsembleMember> members;
    try {
      members = EnsembleMember.parseList(ensemble);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (members.size() < 3) {
      throw new ParameterException(spec.commandLine(), "--ensemble names " + members.size()
          + " server(s); an ensemble needs at least 3 to survive the loss of one (omit --id and --ensemble for standalone)");
    }
    if (id < 1 || id > members.size()) {
      throw new ParameterException(spec.commandLine(), "--id " + id + " is not in the ensemble; use 1 to "
          + members.size() + " (server N is the Nth --ensemble entry)");
    }
    return members;
  }
}
