package io.tributary.broker.internal;

import com.google.protobuf.CodedInputStream;
import io.tributary.broker.ProducerStateSettings;
import io.tributary.broker.ReadBatch;
import io.tributary.broker.ShardLog;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Rebuilds a shard's {@link ProducerStates} from the newest records of its log when the shard is
 * opened, so that a restarted broker (even one killed) still drops retried duplicates. Confined to
 * the thread opening the shard.
 *
 * <p>Bounded twice, by the window of arrival time and by a record count, so a busy shard does not
 * make opening slow; producers idle longer than the window would be forgotten anyway.
 */
final class ProducerStateLoader {
  private static final int READ_RECORDS = 10_000;
  private static final int READ_BYTES = 4 * 1024 * 1024;
  private static final int RECORD_FIELD_TAG = (1 << 3) | 2;

  private final ProducerStates states;
  private long producer;
  private long firstProducerSequence;
  private int count;
  private long firstSequenceNumber;
  private long arrival;

  private ProducerStateLoader(ProducerStates states) {
    this.states = states;
  }

  /**
   * Scans the records of {@code log} that arrived within the window before {@code nowMillis} (at
   * most {@code settings.maxRecords()} of the newest) into {@code states}.
   *
   * @return how many records were scanned
   */
  static long load(ShardLog log, ProducerStateSettings settings, long nowMillis, ProducerStates states) {
    long next = log.nextSequenceNumber();
    long from = Math.max(log.firstSequenceNumber(), next - settings.maxRecords());
    from = Math.max(from, log.sequenceNumberAt(nowMillis - settings.window().toMillis()));
    ProducerStateLoader loader = new ProducerStateLoader(states);
    long scanned = 0;
    while (from < next) {
      ReadBatch batch = log.read(from, (int) Math.min(READ_RECORDS, next - from), READ_BYTES);
      if (batch.count() == 0) {
        break;
      }
      loader.scan(batch);
      scanned += batch.count();
      from = batch.nextSequenceNumber();
    }
    loader.flush();
    return scanned;
  }

  private void scan(ReadBatch batch) {
    try {
      CodedInputStream in = batch.records().newCodedInput();
      while (!in.isAtEnd()) {
        if (in.readTag() != RECORD_FIELD_TAG) {
          throw new IllegalStateException("a stored record batch holds something other than records");
        }
        int limit = in.pushLimit(in.readRawVarint32());
        readRecord(in);
        in.popLimit(limit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse stored records to rebuild the producer state", e);
    }
  }

  private void readRecord(CodedInputStream in) throws IOException {
    long sequence = 0;
    long arrivalMillis = 0;
    long producerId = 0;
    long producerSequence = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag >>> 3) {
        case 1 -> sequence = in.readInt64();
        case 2 -> arrivalMillis = in.readInt64();
        case 6 -> producerId = in.readInt64();
        case 7 -> producerSequence = in.readInt64();
        default -> in.skipField(tag);
      }
    }
    if (producerId != 0) {
      add(producerId, producerSequence, sequence, arrivalMillis);
    }
  }

  /** Joins records appended together (same producer and arrival, both numberings consecutive). */
  private void add(long producerId, long producerSequence, long sequence, long arrivalMillis) {
    boolean continues = count > 0 && producerId == producer && arrivalMillis == arrival
        && producerSequence == firstProducerSequence + count && sequence == firstSequenceNumber + count;
    if (continues) {
      count++;
      return;
    }
    flush();
    producer = producerId;
    firstProducerSequence = producerSequence;
    firstSequenceNumber = sequence;
    arrival = arrivalMillis;
    count = 1;
  }

  private void flush() {
    if (count > 0) {
      states.record(producer, new ProducerBatch(firstProducerSequence, count, firstSequenceNumber, arrival), arrival);
      count = 0;
    }
  }
}
