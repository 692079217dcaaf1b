package io.tributary.cli;

import io.tributary.cli.process.ShutdownSignal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs trib in-process with captured stdout and stderr, and a shutdown the test triggers. */
public final class TestCli {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final CountDownLatch shutdown = new CountDownLatch(1);
  private final CliContext ctx;

  public TestCli(Map<String, String> env, String stdin) {
    ShutdownSignal signal = () -> shutdown;
    ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env, Clock.systemUTC(), signal);
  }

  public TestCli() {
    this(Map.of(), "");
  }

  /** Runs one command line and returns what it did. */
  public static Result run(String... args) {
    return new TestCli().execute(args);
  }

  public static Result runWithInput(String stdin, String... args) {
    return new TestCli(Map.of(), stdin).execute(args);
  }

  public Result execute(String... args) {
    int exit = Trib.execute(ctx, args);
    return new Result(exit, out.toString(), err.toString());
  }

  public CliContext context() {
    return ctx;
  }

  /** What has been printed so far (for commands still running on another thread). */
  public String outSoFar() {
    return out.toString();
  }

  /** Asks a running server command to stop, as SIGTERM would. */
  public void stop() {
    shutdown.countDown();
  }

  /** The exit status and output of one run. */
  public record Result(int exit, String out, String err) {
    public List<String> errLines() {
      return err.lines().toList();
    }

    public List<String> outLines() {
      return out.lines().toList();
    }
  }
}
