package io.tributary.api.sources;

public interface SourceOutput<T> {
  /** A record without its own timestamp. */
  void collect(T value);

  /** A record with a timestamp the source knows (e.g. arrival time); the watermark strategy may override it. */
  void collect(T value, long timestamp);
}
