package io.tributary.cli;

import io.tributary.cli.output.Output;
import io.tributary.client.ClientOptions;
import io.tributary.client.TributaryClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a cluster: it validates its options (a bad one is a usage error), then
 * connects to the coordinators, runs, and closes the client. Confined to the command's thread.
 */
public abstract class ClientCommand implements Callable<Integer> {
  protected final CliContext ctx;

  @Spec protected CommandSpec spec;

  protected ClientCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public final Integer call() throws Exception {
    Trib root = Trib.of(spec);
    ClientOptions options = root.clientOptions(spec);
    validate();
    Output output = root.output();
    try (TributaryClient client = TributaryClient.connect(options)) {
      return run(client, output);
    } finally {
      output.flush();
    }
  }

  /**
   * Checks option values before connecting: throw {@link #usage(String)} for a bad option (exit 2),
   * or a TributaryException for a value the server would reject too (exit 1).
   */
  protected void validate() {}

  /** Runs the command; returns its exit status. */
  protected abstract int run(TributaryClient client, Output output) throws Exception;

  /** A usage error (exit status 2) about this command. */
  protected ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
