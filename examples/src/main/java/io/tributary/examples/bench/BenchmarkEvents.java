package io.tributary.examples.bench;

import io.tributary.api.sources.GeneratorFunction;

/**
 * Makes benchmark event number {@code index}: key {@code index mod KEYS}, a new payload per event,
 * and an event time that advances 1 ms per {@link #EVENTS_PER_MS} events over all subtasks.
 * Stateless. The generator interleaves indices over subtasks, so every subtask's event time
 * advances in lock step, as in the Flink benchmark (500 events per ms per subtask at parallelism 2).
 */
final class BenchmarkEvents implements GeneratorFunction<BenchmarkEvent> {
  private static final long serialVersionUID = 1L;
  static final long EVENTS_PER_MS = 1_000;

  @Override
  public BenchmarkEvent map(long index) {
    byte[] payload = new byte[BenchmarkEvent.PAYLOAD_BYTES];
    payload[0] = (byte) index;
    return new BenchmarkEvent(index % BenchmarkEvent.KEYS, index / EVENTS_PER_MS, payload);
  }
}
