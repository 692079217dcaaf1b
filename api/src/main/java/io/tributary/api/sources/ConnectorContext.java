package io.tributary.api.sources;

import java.time.Clock;

/** What sources and sinks of one subtask get from the engine. Confined to the subtask's thread. */
public interface ConnectorContext {
  int subtaskIndex();

  int parallelism();

  Clock clock();

  ClassLoader userClassLoader();

  /**
   * A connector the engine provides, e.g. {@code io.tributary.api.connectors.StreamConnector} on a worker.
   *
   * @throws IllegalStateException naming the type when the engine has none
   */
  <C> C connector(Class<C> type);
}
