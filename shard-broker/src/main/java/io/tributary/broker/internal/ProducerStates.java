package io.tributary.broker.internal;

import io.tributary.broker.ProducerStateSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The idempotent producers one shard knows, deciding for each of their batches whether it is new,
 * a retried duplicate, or has a gap. Confined to the shard's append lock: the check and the append
 * after it must be one step, or two retries of one batch could both pass the check.
 *
 * <p>Bounded: producers idle longer than the window are forgotten, and past {@code maxProducers}
 * the least recently used goes; a forgotten producer is treated as new, as Kafka does.
 */
final class ProducerStates {
  private final long windowMillis;
  private final LinkedHashMap<Long, ProducerState> producers;

  ProducerStates(ProducerStateSettings settings) {
    this.windowMillis = settings.window().toMillis();
    int max = settings.maxProducers();
    this.producers = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, ProducerState> eldest) {
        return size() > max;
      }
    };
  }

  /** Decides what to do with producer sequences {@code [first, first + n)} of {@code producerId}. */
  ProducerVerdict check(long producerId, long first, int n, long nowMillis) {
    ProducerState state = live(producerId, nowMillis);
    if (state == null) {
      return ProducerVerdict.FRESH;
    }
    long last = state.lastSequence();
    if (first > last + 1) {
      return ProducerVerdict.gap(last + 1);
    }
    if (first + n - 1 <= last) {
      return ProducerVerdict.written(ProducerVerdict.Kind.DUPLICATE, n, first, state.covering(first, n));
    }
    int written = (int) (last - first + 1);
    if (written == 0) {
      return ProducerVerdict.FRESH;
    }
    return ProducerVerdict.written(ProducerVerdict.Kind.APPEND, written, first, state.covering(first, written));
  }

  /** Notes that {@code batch} of {@code producerId} landed; forgets producers idle too long. */
  void record(long producerId, ProducerBatch batch, long nowMillis) {
    ProducerState state = producers.get(producerId);
    if (state == null) {
      state = new ProducerState();
      producers.put(producerId, state);
    }
    state.record(batch, nowMillis);
    expire(nowMillis);
  }

  /** How many producers are tracked. */
  int size() {
    return producers.size();
  }

  private ProducerState live(long producerId, long nowMillis) {
    ProducerState state = producers.get(producerId);
    if (state != null && idle(state, nowMillis)) {
      producers.remove(producerId);
      return null;
    }
    return state;
  }

  /** Drops idle producers from the least recently used end; stops at the first one still live. */
  private void expire(long nowMillis) {
    var eldest = producers.values().iterator();
    while (eldest.hasNext() && idle(eldest.next(), nowMillis)) {
      eldest.remove();
    }
  }

  private boolean idle(ProducerState state, long nowMillis) {
    return nowMillis - state.lastSeenMillis() > windowMillis;
  }
}
