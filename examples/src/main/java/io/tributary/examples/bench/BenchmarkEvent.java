package io.tributary.examples.bench;

/**
 * The event of the engine benchmarks: a key, an event time and an 84-byte payload, about 100 bytes
 * like the event Flink was measured with. Mutable, as Flink's POJO is, so that the stateless job
 * re-keys in place; confined to the subtask that holds it.
 */
public final class BenchmarkEvent {
  /** Distinct keys of the window benchmark. */
  public static final int KEYS = 10_000;
  public static final int PAYLOAD_BYTES = 84;

  public long key;
  public long timestamp;
  public byte[] payload;

  /** For the record codec. */
  public BenchmarkEvent() {}

  public BenchmarkEvent(long key, long timestamp, byte[] payload) {
    this.key = key;
    this.timestamp = timestamp;
    this.payload = payload;
  }
}
