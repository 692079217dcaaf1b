package io.tributary.broker.internal;

import io.tributary.broker.Appended;
import io.tributary.broker.ShardLogClosedException;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.ShardPutResult;

/**
 * Writes the batch of an idempotent producer to a shard it owns and turns the outcome into a
 * ShardPutResult. Stateless; thread-safe.
 *
 * <p>Answers: a duplicate gets {@code accepted = n} and the sequence numbers its first attempt got,
 * or {@code first_sequence_number = -1} ("already written, number unknown") once that batch is no
 * longer remembered. A batch overlapping what the shard holds (a retry after a lost answer to a
 * partly accepted batch) has its written prefix skipped and the rest appended; its first sequence
 * number is exact only if both parts are adjacent in the log, else -1. A gap is refused with
 * OutOfOrderSequence. An acks=all answer, even a duplicate's, waits until the log's end after the
 * batch is committed, so a retry is never acknowledged before its original records are.
 */
final class IdempotentWrites {
  /** The answer, and the log end it must wait for under acks=all (-1: answer at once). */
  record Outcome(ShardPutResult result, long commitTarget) {}

  Outcome put(LedShard shard, ShardPut put, long producerId) {
    EntriesSource batch = new EntriesSource(put.getRecordsList(), 0, producerId, put.getFirstProducerSequence());
    IdempotentPut outcome;
    try {
      outcome = shard.appendIdempotent(batch);
    } catch (ShardLogClosedException e) {
      return new Outcome(Writes.failed(put, ErrorCode.NOT_SHARD_OWNER, e.getMessage()), -1);
    } catch (TributaryException sealedMeanwhile) {
      return new Outcome(Writes.failed(put, sealedMeanwhile.code(), sealedMeanwhile.getMessage()), -1);
    }
    ShardPutResult result = result(shard, put, producerId, outcome);
    return new Outcome(result, result.getAccepted() > 0 ? outcome.logEnd() : -1);
  }

  private static ShardPutResult result(LedShard shard, ShardPut put, long producerId, IdempotentPut outcome) {
    ProducerVerdict verdict = outcome.verdict();
    shard.metrics().duplicates(
        verdict.kind() == ProducerVerdict.Kind.DUPLICATE ? put.getRecordsCount() : verdict.alreadyWritten());
    return switch (verdict.kind()) {
      case GAP -> Writes.failed(put, ErrorCode.OUT_OF_ORDER_SEQUENCE, gapMessage(shard, put, producerId, verdict));
      case DUPLICATE -> ShardPutResult.newBuilder().setShardId(put.getShardId()).setAccepted(put.getRecordsCount())
          .setFirstSequenceNumber(verdict.firstSequenceNumber()).setArrivalMillis(verdict.arrivalMillis()).build();
      case APPEND -> appended(shard, put, verdict, outcome);
    };
  }

  private static ShardPutResult appended(LedShard shard, ShardPut put, ProducerVerdict verdict, IdempotentPut outcome) {
    int skipped = verdict.alreadyWritten();
    int accepted = skipped + outcome.admitted();
    Appended appended = outcome.appended();
    ShardPutResult.Builder result = ShardPutResult.newBuilder().setShardId(put.getShardId()).setAccepted(accepted);
    if (skipped == 0) {
      if (appended != null) {
        result.setFirstSequenceNumber(appended.firstSequenceNumber()).setArrivalMillis(appended.arrivalMillis());
      }
    } else {
      long known = verdict.firstSequenceNumber();
      boolean adjacent = appended == null || (known >= 0 && known + skipped == appended.firstSequenceNumber());
      result.setFirstSequenceNumber(known >= 0 && adjacent ? known : -1)
          .setArrivalMillis(appended != null ? appended.arrivalMillis() : verdict.arrivalMillis());
    }
    int n = put.getRecordsCount();
    if (accepted < n) {
      shard.metrics().throttled(n - accepted);
      result.setError(Writes.detail(ErrorCode.THROUGHPUT_EXCEEDED,
          shard.name() + " is over its write quota: accepted " + accepted + " of " + n
              + " records; retry the rest after a short pause"));
    }
    return result.build();
  }

  private static String gapMessage(LedShard shard, ShardPut put, long producerId, ProducerVerdict verdict) {
    return "idempotent producer " + producerId + " sent producer sequence " + put.getFirstProducerSequence()
        + " to " + shard.name() + " but the next expected is " + verdict.expected()
        + ": records in between were never written; the producer must fail them and start a new producer";
  }
}
