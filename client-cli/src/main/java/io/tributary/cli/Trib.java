package io.tributary.cli;

import io.tributary.cli.bench.BenchCommand;
import io.tributary.cli.cluster.BrokerDrainCommand;
import io.tributary.cli.cluster.ClusterCommand;
import io.tributary.cli.consumer.ConsumerCommand;
import io.tributary.cli.delivery.DeliveryCommand;
import io.tributary.cli.job.JobCommand;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.OutputFormat;
import io.tributary.cli.process.BrokerCommand;
import io.tributary.cli.process.CoordinatorCommand;
import io.tributary.cli.process.GatewayCommand;
import io.tributary.cli.process.LocalCommand;
import io.tributary.cli.process.WorkerCommand;
import io.tributary.cli.process.ZooKeeperCommand;
import io.tributary.cli.stream.StreamCommand;
import io.tributary.client.ClientOptions;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcChannels.HostPort;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code trib} command: every process role and every client command of Tributary, and the
 * global options they share. Confined to the thread that runs the command line.
 * One entry point keeps one distribution and one set of conventions (exit codes, JSON, errors).
 */
@Command(
    name = "trib",
    mixinStandardHelpOptions = true,
    versionProvider = TribVersion.class,
    usageHelpAutoWidth = true,
    description = "Tributary: sharded, replicated streams and stream-processing jobs on your own machines.",
    footerHeading = "%nExit status:%n",
    footer = {
      "  0  success",
      "  1  the operation failed; stderr has one line '<Error>: <message>'",
      "  2  bad usage (unknown command or option, invalid option value)"
    })
public final class Trib implements Runnable {
  /** Address the client commands use when neither --coordinator nor TRIB_COORDINATOR is set. */
  public static final String DEFAULT_COORDINATOR = "127.0.0.1:" + CommonKeys.DEFAULT_COORDINATOR_PORT;

  private final CliContext ctx;

  @Spec private CommandSpec spec;

  @Option(
      names = "--coordinator",
      scope = ScopeType.INHERIT,
      paramLabel = "HOST:PORT[,HOST:PORT]",
      description = "Coordinators to talk to (default: $TRIB_COORDINATOR, else " + DEFAULT_COORDINATOR + ").")
  private String coordinator;

  @Option(
      names = "--output",
      scope = ScopeType.INHERIT,
      paramLabel = "table|json",
      converter = Converters.OutputConverter.class,
      description = "table (default) for people, json for one JSON document on stdout.")
  private OutputFormat output = OutputFormat.TABLE;

  Trib(CliContext ctx) {
    this.ctx = ctx;
  }

  public static void main(String[] args) {
    System.exit(execute(CliContext.system(), args));
  }

  /** Runs one command line and returns its exit status; everything it prints goes to {@code ctx}. */
  public static int execute(CliContext ctx, String... args) {
    try {
      return commandLine(ctx).execute(args);
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
  }

  /** The whole command tree, wired to {@code ctx}. */
  public static CommandLine commandLine(CliContext ctx) {
    CliFactory factory = new CliFactory(ctx);
    CommandLine root = new CommandLine(new Trib(ctx), factory);
    root.addSubcommand(HelpCommand.class);
    root.addSubcommand(LocalCommand.class);
    root.addSubcommand(ZooKeeperCommand.class);
    root.addSubcommand(CoordinatorCommand.class);
    root.addSubcommand(BrokerCommand.class);
    root.addSubcommand(WorkerCommand.class);
    root.addSubcommand(GatewayCommand.class);
    root.addSubcommand(ClusterCommand.class);
    root.addSubcommand(StreamCommand.class);
    root.addSubcommand(ConsumerCommand.class);
    root.addSubcommand(JobCommand.class);
    root.addSubcommand(DeliveryCommand.class);
    root.addSubcommand(BenchCommand.class);
    root.getSubcommands().get("broker").addSubcommand(BrokerDrainCommand.class);
    root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandTree());
    // '@FILE' is a value of its own (trib delivery create --schema @FILE), not picocli's argument file.
    root.setExpandAtFiles(false);
    root.setOut(ctx.out());
    root.setErr(ctx.err());
    root.setParameterExceptionHandler(new UsageErrorHandler());
    root.setExecutionExceptionHandler(new FailureHandler());
    return root;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is needed; list them with 'trib help'");
  }

  /** The root options of the command line that {@code spec} belongs to. */
  public static Trib of(CommandSpec spec) {
    return (Trib) spec.root().userObject();
  }

  public Output output() {
    return new Output(output, ctx.out());
  }

  public OutputFormat outputFormat() {
    return output;
  }

  /** The coordinators to contact, validated; a malformed address is a usage error. */
  public ClientOptions clientOptions(CommandSpec caller) {
    String addresses = coordinator != null ? coordinator : ctx.env().getOrDefault("TRIB_COORDINATOR", DEFAULT_COORDINATOR);
    List<String> list = List.of(addresses.split(","));
    for (String address : list) {
      try {
        HostPort.parse(address.trim());
      } catch (TributaryException e) {
        throw new ParameterException(caller.commandLine(), "--coordinator: " + e.getMessage());
      }
    }
    return ClientOptions.of(addresses.replace(" ", ""));
  }
}
