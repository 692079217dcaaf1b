package io.tributary.cli.stream;

import io.tributary.client.ReceivedRecord;
import io.tributary.client.app.Checkpointer;
import io.tributary.client.app.LeaseLostException;
import io.tributary.client.app.RecordProcessor;
import java.io.PrintWriter;
import java.util.List;

/**
 * The record processor of {@code trib stream tail}: prints each batch, then checkpoints it, so that
 * whatever was printed before a clean stop is never delivered again. Confined to its shard
 * worker's thread.
 */
final class TailProcessor implements RecordProcessor {
  private static final String SHARD_END = "SHARD_END";

  private final TailPrinter printer;
  private final PrintWriter err;

  TailProcessor(TailPrinter printer, PrintWriter err) {
    this.printer = printer;
    this.err = err;
  }

  @Override
  public void processRecords(List<ReceivedRecord> records, Checkpointer checkpointer) {
    printer.records(records);
    ReceivedRecord last = records.get(records.size() - 1);
    if (commit(checkpointer)) {
      printer.checkpoint(last.shardId(), Long.toString(last.sequenceNumber()));
    }
  }

  @Override
  public void shardEnded(Checkpointer checkpointer) {
    if (commit(checkpointer)) {
      printer.checkpoint(checkpointer.shardId(), SHARD_END);
    }
  }

  @Override
  public void leaseLost() {
    // Another member owns the shard now and goes on from the last checkpoint printed.
  }

  /** Checkpoints; a lost lease is reported and not fatal, since another member took the shard over. */
  private boolean commit(Checkpointer checkpointer) {
    try {
      checkpointer.checkpoint();
      return true;
    } catch (LeaseLostException e) {
      err.println("lost the lease of " + checkpointer.shardId() + " before its checkpoint: " + e.getMessage());
      err.flush();
      return false;
    }
  }
}
