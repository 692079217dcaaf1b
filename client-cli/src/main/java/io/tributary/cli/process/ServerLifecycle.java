package io.tributary.cli.process;

import io.tributary.cli.CliContext;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs one server resource until the process is asked to stop: starts it, prints its READY line,
 * waits for the shutdown signal, closes it. Stateless; called on the command's thread.
 * A shutdown hook closes the resource too, for exits that bypass the signal handler.
 */
public final class ServerLifecycle {
  private static final Logger LOG = LogManager.getLogger(ServerLifecycle.class);

  private ServerLifecycle() {}

  /** Returns exit status 0 once the started resource is closed after the signal. */
  public static <S extends AutoCloseable> int serve(
      CliContext ctx, Supplier<S> starter, Function<S, String> readyLine) throws Exception {
    // Listen before starting, so that a signal during a slow start is not lost.
    CountDownLatch stop = ctx.shutdown().listen();
    S server = starter.get();
    Thread hook = new Thread(() -> closeQuietly(server), "trib-shutdown-hook");
    Runtime.getRuntime().addShutdownHook(hook);
    ctx.out().println(readyLine.apply(server));
    ctx.out().flush();
    // A server runs until it is told to stop; there is no other bound on this wait.
    stop.await();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shutdownInProgress) {
      // The JVM is already exiting and the hook closes the server.
      return 0;
    }
    server.close();
    return 0;
  }

  private static void closeQuietly(AutoCloseable server) {
    try {
      server.close();
    } catch (Exception e) {
      // Nothing can be reported to the caller from a shutdown hook but the log.
      LOG.error("closing {} at JVM exit failed", server, e);
    }
  }
}
