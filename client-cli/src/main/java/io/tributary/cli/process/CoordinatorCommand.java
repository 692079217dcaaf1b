package io.tributary.cli.process;

import io.tributary.cli.CliContext;
import io.tributary.common.config.Configuration;
import io.tributary.coordinator.CoordinatorConfig;
import io.tributary.coordinator.CoordinatorServer;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code trib coordinator}: runs a coordinator until SIGTERM or SIGINT. Confined to the command's thread. */
@Command(
    name = "coordinator",
    mixinStandardHelpOptions = true,
    description = {
      "Run a coordinator (control plane; leader-elected among all coordinators).",
      "Prints 'READY coordinator <id> HOST:PORT' once it serves requests."
    })
public final class CoordinatorCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions server;

  CoordinatorCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** The configuration this command would start the coordinator with. */
  Configuration configuration() {
    return server.load(spec, Map.of());
  }

  @Override
  public Integer call() throws Exception {
    CoordinatorConfig config = new CoordinatorConfig(configuration());
    return ServerLifecycle.serve(
        ctx,
        () -> CoordinatorServer.start(config, ctx.clock()),
        s -> "READY coordinator " + s.id() + " " + s.address());
  }
}
