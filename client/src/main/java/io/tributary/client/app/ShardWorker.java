package io.tributary.client.app;

import io.tributary.client.GetRecordsResult;
import io.tributary.client.Position;
import io.tributary.client.ShardReader;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.TributaryException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Processes one held shard lease on its own thread: reads from the checkpoint, hands records to the
 * processor in order, and at the shard's end requires a SHARD_END checkpoint before releasing the
 * lease. Stops on request (graceful: the processor may checkpoint, then the lease is released) or on
 * lease loss (the processor is told; nothing more is written). Thread-safe control methods; the
 * processing state is confined to the worker thread.
 */
final class ShardWorker implements Runnable {
  private static final Logger LOG = LogManager.getLogger(ShardWorker.class);

  private final TributaryClient client;
  private final LeaseStore store;
  private final String stream;
  private final String shardId;
  private final int leaseVersion;
  private final Position start;
  private final RecordProcessor processor;
  private final ApplicationOptions options;
  private final ShardCheckpointer checkpointer;
  private final Runnable onExit;
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final CountDownLatch exited = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile boolean halted;

  ShardWorker(TributaryClient client, LeaseStore store, String stream, String shardId, int leaseVersion,
      Position start, RecordProcessor processor, ApplicationOptions options, Runnable onExit) {
    this.client = client;
    this.store = store;
    this.stream = stream;
    this.shardId = shardId;
    this.leaseVersion = leaseVersion;
    this.start = start;
    this.processor = processor;
    this.options = options;
    this.onExit = onExit;
    this.checkpointer = new ShardCheckpointer(store, shardId, leaseVersion);
  }

  String shardId() {
    return shardId;
  }

  int leaseVersion() {
    return leaseVersion;
  }

  /** Finish the current batch, let the processor checkpoint, then release the lease. */
  void requestStop() {
    stopRequested = true;
    stopSignal.countDown();
  }

  /** The lease is gone: tell the processor and stop without writing. */
  void lost() {
    checkpointer.lost();
    stopSignal.countDown();
  }

  /** Stops at once without callbacks or writes, as a crashed process would. */
  void halt() {
    halted = true;
    checkpointer.lost();
    stopSignal.countDown();
  }

  boolean awaitExit(Duration timeout) throws InterruptedException {
    return exited.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    try (ShardReader reader = client.newShardReader(stream, shardId, start)) {
      processor.initialize(shardId, start);
      loop(reader);
    } catch (RuntimeException e) {
      if (!halted) {
        LOG.error("shard worker of {}/{} stopped on an error; releasing its lease so that it is processed again"
            + " from the last checkpoint", stream, shardId, e);
        releaseQuietly();
      }
    } finally {
      exited.countDown();
      onExit.run();
    }
  }

  private void loop(ShardReader reader) {
    while (true) {
      if (halted) {
        return;
      }
      if (checkpointer.isLost()) {
        processor.leaseLost();
        return;
      }
      if (stopRequested) {
        stopGracefully();
        return;
      }
      if (reader.finished()) {
        endShard();
        return;
      }
      if (!processNext(reader)) {
        pause();
      }
    }
  }

  private boolean processNext(ShardReader reader) {
    GetRecordsResult result;
    try {
      result = reader.poll(options.maxRecords());
    } catch (TributaryException e) {
      if (!e.retryable()) {
        throw e;
      }
      LOG.warn("reading {}/{} failed ({}); trying again", stream, shardId, e.describe());
      return false;
    }
    if (result.records().isEmpty()) {
      return reader.finished();
    }
    checkpointer.delivered(result.records().get(result.records().size() - 1).sequenceNumber());
    try {
      processor.processRecords(result.records(), checkpointer);
    } catch (LeaseLostException lost) {
      LOG.debug("processor of {}/{} found its lease lost while checkpointing", stream, shardId);
    }
    return true;
  }

  private void endShard() {
    checkpointer.atShardEnd();
    try {
      processor.shardEnded(checkpointer);
    } catch (LeaseLostException lost) {
      processor.leaseLost();
      return;
    }
    if (!checkpointer.shardEndWritten()) {
      LOG.error("the processor of shard {}/{} returned from shardEnded without checkpointing; call"
          + " checkpointer.checkpoint() there, or the shard's children are never processed", stream, shardId);
    }
    store.release(shardId, leaseVersion);
  }

  private void stopGracefully() {
    try {
      processor.shutdownRequested(checkpointer);
    } catch (LeaseLostException lost) {
      processor.leaseLost();
      return;
    }
    store.release(shardId, leaseVersion);
  }

  private void releaseQuietly() {
    try {
      store.release(shardId, leaseVersion);
    } catch (TributaryException e) {
      LOG.warn("could not release the lease of {}/{} ({}); it ends with the session", stream, shardId, e.describe());
    }
  }

  private void pause() {
    try {
      stopSignal.await(options.idleBetweenReads().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      halted = true;
    }
  }
}
