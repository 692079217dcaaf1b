package io.tributary.cli;

import io.tributary.cli.process.ShutdownSignal;
import io.tributary.cli.process.SignalShutdown;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * What a command needs from its surroundings: its output and input, the environment, the clock
 * and the signal that ends a server process. Immutable; the writers are shared by one command run.
 * Commands receive it through their constructor so that tests run them in-process with captured
 * output and a shutdown they trigger themselves.
 */
public record CliContext(
    PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, Clock clock, ShutdownSignal shutdown) {

  public CliContext {
    env = Map.copyOf(env);
  }

  /** The real process: stdout (buffered, flushed by commands), stderr, stdin, environment, signals. */
  public static CliContext system() {
    PrintWriter out = new PrintWriter(
        new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16),
        false);
    PrintWriter err = new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    return new CliContext(out, err, System.in, System.getenv(), Clock.systemUTC(), new SignalShutdown());
  }
}
