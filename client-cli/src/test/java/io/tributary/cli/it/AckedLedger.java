package io.tributary.cli.it;

import io.tributary.client.PutResult;
import io.tributary.common.error.TributaryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every record a fault test wrote and what became of it: acknowledged (with the shard and sequence
 * number the acknowledgement named), failed (with the error: it must not be readable), in doubt (a
 * single attempt that ended without a definite answer: it may be readable, once), still pending,
 * or forbidden (a write the test aimed at a deposed leader, which must never become readable). Thread-safe: producer
 * callbacks record outcomes while the test thread reads counts.
 *
 * <p>Record ids are {@code <prefix>-<n>} with {@code n} increasing per writer, so that the order of
 * one key's records can be checked from the ids alone.
 */
final class AckedLedger {
  enum State { PENDING, ACKED, FAILED, IN_DOUBT, FORBIDDEN }

  /** One record's fate. Immutable. */
  record Outcome(String id, String key, State state, String shardId, long sequenceNumber, String error) {}

  private final Map<String, Outcome> records = new ConcurrentHashMap<>();
  private final AtomicInteger acked = new AtomicInteger();

  void sent(String id, String key) {
    records.put(id, new Outcome(id, key, State.PENDING, null, -1, null));
  }

  /** The outcome of a producer future: its result, or the exception that failed it. */
  void completed(String id, PutResult result, Throwable failure) {
    if (failure != null) {
      failed(id, describe(failure));
    } else if (!result.succeeded()) {
      failed(id, result.error() + ": " + result.errorMessage());
    } else {
      records.computeIfPresent(id, (k, o) -> new Outcome(id, o.key(), State.ACKED, result.shardId(),
          result.sequenceNumber(), null));
      acked.incrementAndGet();
    }
  }

  void failed(String id, String error) {
    records.computeIfPresent(id, (k, o) -> new Outcome(id, o.key(), State.FAILED, null, -1, error));
  }

  /** A write whose outcome is unknown (a timeout): it may be readable, but only once. */
  void inDoubt(String id, String error) {
    records.computeIfPresent(id, (k, o) -> new Outcome(id, o.key(), State.IN_DOUBT, null, -1, error));
  }

  /** A write that must never be readable, whatever its answer said. */
  void forbidden(String id, String key, String answer) {
    records.put(id, new Outcome(id, key, State.FORBIDDEN, null, -1, answer));
  }

  Outcome get(String id) {
    return records.get(id);
  }

  Collection<Outcome> all() {
    return records.values();
  }

  int ackedCount() {
    return acked.get();
  }

  List<Outcome> inState(State state) {
    List<Outcome> found = new ArrayList<>();
    for (Outcome o : records.values()) {
      if (o.state() == state) {
        found.add(o);
      }
    }
    return found;
  }

  /** Acknowledged records per shard. */
  Map<String, Integer> ackedPerShard() {
    Map<String, Integer> counts = new HashMap<>();
    for (Outcome o : records.values()) {
      if (o.state() == State.ACKED) {
        counts.merge(o.shardId(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** A one-line count of outcomes, and the distinct errors of failed records. */
  String summary() {
    Map<State, Integer> counts = new HashMap<>();
    Map<String, Integer> errors = new HashMap<>();
    for (Outcome o : records.values()) {
      counts.merge(o.state(), 1, Integer::sum);
      if (o.state() == State.FAILED) {
        errors.merge(o.error().length() > 160 ? o.error().substring(0, 160) : o.error(), 1, Integer::sum);
      }
    }
    return counts + (errors.isEmpty() ? "" : " failures " + errors);
  }

  /** The record's number in its writer's order: the part after the last '-'. */
  static long ordinal(String id) {
    return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof TributaryException t) {
      return t.code() + ": " + t.getMessage();
    }
    return cause.toString();
  }
}
