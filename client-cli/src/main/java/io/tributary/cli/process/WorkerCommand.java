package io.tributary.cli.process;

import io.tributary.cli.CliContext;
import io.tributary.common.config.Configuration;
import io.tributary.worker.WorkerConfig;
import io.tributary.worker.WorkerServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trib worker}: runs a worker until SIGTERM or SIGINT. Confined to the command's thread. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a worker, which offers task slots to stream-processing jobs and runs their subtasks.",
      "Prints 'READY worker <id> HOST:PORT' once it is registered and serves requests."
    })
public final class WorkerCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions server;

  @Option(names = "--id", paramLabel = "ID",
      description = "Worker id, unique in the cluster (default: derived from host and port).")
  private String id;

  @Option(names = "--slots", paramLabel = "N", description = "Task slots; each runs one subtask (default 2).")
  private Integer slots;

  WorkerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** The configuration this command would start the worker with. */
  Configuration configuration() {
    if (slots != null && slots < 1) {
      throw new ParameterException(spec.commandLine(), "--slots " + slots + " must be at least 1");
    }
    if (id != null && !id.matches("[a-zA-Z0-9_.-]{1,64}")) {
      throw new ParameterException(spec.commandLine(),
          "--id '" + id + "' is not a worker id; use 1 to 64 letters, digits, '.', '_' or '-'");
    }
    Map<String, String> extra = new LinkedHashMap<>();
    if (id != null) {
      extra.put(WorkerConfig.ID.name(), id);
    }
    if (slots != null) {
      extra.put(WorkerConfig.SLOTS.name(), slots.toString());
    }
    return server.load(spec, extra);
  }

  @Override
  public Integer call() throws Exception {
    WorkerConfig config = new WorkerConfig(configuration());
    return ServerLifecycle.serve(
        ctx,
        () -> WorkerServer.start(config, ctx.clock()),
        w -> "READY worker " + w.id() + " " + w.address());
  }
}
