package io.tributary.client.fake;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One shard's idempotent-producer state, as a broker keeps it: per producer id the last producer
 * sequence written and the last few batches, so a retried batch is answered with the sequence
 * numbers it already got. Confined to the holder of the shard log's lock.
 */
public final class ProducerStates {
  /** Batches remembered per producer, as in Kafka. */
  static final int REMEMBERED = 5;

  private final Map<Long, Producer> producers = new HashMap<>();

  /** What to do with a ShardPut of {@code count} records starting at producer sequence {@code first}. */
  Check check(long producerId, long first, int count) {
    Producer p = producers.get(producerId);
    if (p == null) {
      return new Check(Verdict.APPEND, 0, -1, 0); // never seen: it may start anywhere
    }
    long end = first + count - 1;
    if (first == p.last + 1) {
      return new Check(Verdict.APPEND, 0, -1, p.last + 1);
    }
    if (first > p.last + 1) {
      return new Check(Verdict.GAP, 0, -1, p.last + 1);
    }
    int duplicates = (int) (Math.min(end, p.last) - first + 1);
    return new Check(end <= p.last ? Verdict.DUPLICATE : Verdict.OVERLAP, duplicates, p.find(first, duplicates), p.last + 1);
  }

  /** Records that {@code count} records from producer sequence {@code first} got sequence numbers from {@code firstNumber}. */
  void written(long producerId, long first, int count, long firstNumber) {
    if (count == 0) {
      return;
    }
    Producer p = producers.computeIfAbsent(producerId, id -> new Producer());
    p.last = first + count - 1;
    p.batches.addLast(new long[] {first, count, firstNumber});
    if (p.batches.size() > REMEMBERED) {
      p.batches.removeFirst();
    }
  }

  /** Forgets the remembered batches, as after many later ones; the last written sequences stay. */
  void forgetBatches() {
    producers.values().forEach(p -> p.batches.clear());
  }

  public enum Verdict { APPEND, DUPLICATE, OVERLAP, GAP }

  /**
   * @param duplicates how many leading records are already written
   * @param firstNumber their first sequence number, or -1 when no remembered batch holds them all
   * @param expected the producer sequence the shard expects next (0 for a new producer)
   */
  public record Check(Verdict verdict, int duplicates, long firstNumber, long expected) {}

  private static final class Producer {
    long last;
    final ArrayDeque<long[]> batches = new ArrayDeque<>();

    long find(long first, int count) {
      for (long[] b : batches) {
        if (b[0] <= first && first + count <= b[0] + b[1]) {
          return b[2] + (first - b[0]);
        }
      }
      return -1;
    }
  }
}
