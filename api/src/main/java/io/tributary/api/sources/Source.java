package io.tributary.api.sources;

import java.io.Serializable;

/** A parallel source: each subtask creates its own reader and reads its share. */
public interface Source<T> extends Serializable {
  /** True when the source ends (files, ranges, bounded generators): the job can finish. */
  boolean bounded();

  SourceReader<T> createReader(ConnectorContext context) throws Exception;
}
