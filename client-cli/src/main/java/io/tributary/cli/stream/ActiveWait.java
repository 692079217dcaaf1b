package io.tributary.cli.stream;

import io.tributary.cli.output.Human;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.Errors;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits, bounded, until a stream that is resharding is ACTIVE again, telling the user on stderr
 * what it waits for. Confined to the command's thread. Resharding returns before the children are
 * served, and a script that goes on at once would meet the stream mid-change.
 */
final class ActiveWait {
  private static final long POLL_MILLIS = 200;
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final TributaryClient client;
  private final PrintWriter progress;
  private final Duration bound;

  ActiveWait(TributaryClient client, PrintWriter progress, Duration bound) {
    this.client = client;
    this.progress = progress;
    this.bound = bound;
  }

  /** The description once the stream is ACTIVE; fails with Unavailable when the bound passes first. */
  StreamDescription await(String stream) throws InterruptedException {
    long start = System.nanoTime();
    long nextProgress = start;
    while (true) {
      StreamDescription d = client.describeStream(stream, true);
      if (d.getStatus() == StreamStatus.ACTIVE) {
        return d;
      }
      long now = System.nanoTime();
      Duration waited = Duration.ofNanos(now - start);
      if (waited.compareTo(bound) >= 0) {
        throw Errors.unavailable("stream '" + stream + "' is still " + d.getStatus().name() + " after "
            + Human.duration(bound) + "; follow it with 'trib stream describe " + stream + "'");
      }
      if (now - nextProgress >= 0) {
        progress.println("Waiting for stream '" + stream + "' to be ACTIVE again (" + d.getStatus().name()
            + ", " + Human.duration(waited) + ")...");
        progress.flush();
        nextProgress = now + PROGRESS_EVERY_NANOS;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
