package io.tributary.cli.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tributary.cli.output.Human;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.Table;
import io.tributary.client.PutResult;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows the records a put has sent, in input order: prints each acknowledged one as soon as it
 * and all before it are settled (JSON), or tallies them per shard (table), and remembers the first
 * failure. Records acknowledged after a failure are still reported, so a script knows exactly what
 * was written. Confined to the command's thread.
 */
final class PutSession {
  private final String stream;
  private final Output output;
  private final JsonGenerator json;
  private final Duration settleWait;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final Map<String, long[]> perShard = new TreeMap<>();
  private long acknowledged;
  private TributaryException firstError;

  private record Pending(CompletableFuture<PutResult> future, String partitionKey) {}

  PutSession(String stream, Output output, Duration settleWait) {
    this.stream = stream;
    this.output = output;
    this.settleWait = settleWait;
    this.json = output.json() ? Json.generator(output.writer()) : null;
    if (json != null) {
      write(() -> json.writeStartArray());
    }
  }

  /** Tracks a sent record; reports the ones at the head of the input that are settled. */
  void sent(CompletableFuture<PutResult> future, String partitionKey) {
    pending.add(new Pending(future, partitionKey));
    drain(false);
  }

  /** A failure before a record could be sent; the put stops reading input. */
  void fail(TributaryException e) {
    if (firstError == null) {
      firstError = e;
    }
  }

  boolean failed() {
    return firstError != null;
  }

  /** Waits (bounded per record) for every sent record, then ends the output. */
  void finish() {
    try {
      drain(true);
    } finally {
      if (json != null) {
        write(() -> {
          json.writeEndArray();
          json.flush();
        });
        output.line("");
      } else {
        printSummary();
      }
    }
  }

  /** The first failure, or null when every record was acknowledged. */
  TributaryException error() {
    return firstError;
  }

  long acknowledged() {
    return acknowledged;
  }

  private void drain(boolean block) {
    long before = acknowledged;
    settle(block);
    if (json != null && acknowledged != before) {
      // Hands the printed records to the output writer (no system call: it buffers on its own).
      write(json::flush);
    }
  }

  private void settle(boolean block) {
    while (!pending.isEmpty() && (block || pending.peek().future().isDone())) {
      Pending p = pending.poll();
      PutResult result;
      try {
        result = p.future().get(settleWait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        fail(GrpcErrors.fromGrpc(e.getCause()));
        continue;
      } catch (TimeoutException e) {
        fail(new TributaryException(ErrorCode.UNAVAILABLE,
            "a record was neither acknowledged nor failed within " + settleWait.toSeconds() + "s"));
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(new TributaryException(ErrorCode.INTERNAL, "interrupted while waiting for acknowledgements"));
        return;
      }
      if (result.succeeded()) {
        acknowledge(result, p.partitionKey());
      } else {
        fail(new TributaryException(result.error(), result.errorMessage()));
      }
    }
  }

  private void acknowledge(PutResult result, String partitionKey) {
    acknowledged++;
    if (json != null) {
      write(() -> {
        json.writeStartObject();
        json.writeStringField("shard", result.shardId());
        json.writeNumberField("sequence", result.sequenceNumber());
        json.writeStringField("partitionKey", partitionKey);
        json.writeEndObject();
      });
      return;
    }
    long[] tally = perShard.computeIfAbsent(result.shardId(), s -> new long[] {0, Long.MAX_VALUE, -1});
    tally[0]++;
    tally[1] = Math.min(tally[1], result.sequenceNumber());
    tally[2] = Math.max(tally[2], result.sequenceNumber());
  }

  private void printSummary() {
    output.line("Wrote " + Human.count(acknowledged) + (acknowledged == 1 ? " record" : " records")
        + " to stream '" + stream + "'.");
    if (perShard.isEmpty()) {
      return;
    }
    Table table = Table.of("SHARD", "RECORDS", "FIRST SEQUENCE", "LAST SEQUENCE").alignRight(1, 2, 3);
    perShard.forEach((shard, t) -> table.row(shard, Human.count(t[0]), t[1], t[2]));
    output.line("");
    output.table(table);
  }

  private interface JsonWrite {
    void run() throws IOException;
  }

  private static void write(JsonWrite step) {
    try {
      step.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
