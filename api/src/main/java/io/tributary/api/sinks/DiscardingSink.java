package io.tributary.api.sinks;

import io.tributary.api.sources.ConnectorContext;

/** Drops every record; for benchmarks and for jobs whose effects are side outputs or state.
 * Stateless; thread-safe. */
public final class DiscardingSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  @Override
  public SinkWriter<T> createWriter(ConnectorContext context) {
    return (value, timestamp) -> {};
  }
}
