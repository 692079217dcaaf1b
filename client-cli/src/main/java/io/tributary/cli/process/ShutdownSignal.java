package io.tributary.cli.process;

import java.util.concurrent.CountDownLatch;

/**
 * Tells a server command when to stop. Implementations are thread-safe. Production listens for
 * SIGTERM and SIGINT; tests hand in a latch they open themselves.
 */
public interface ShutdownSignal {
  /** Starts listening; the returned latch opens once the process is asked to stop. */
  CountDownLatch listen();
}
