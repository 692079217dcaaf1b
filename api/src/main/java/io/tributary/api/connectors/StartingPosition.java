package io.tributary.api.connectors;

/** Where a stream source starts reading shards that have no saved position. */
public enum StartingPosition {
  /** The oldest retained record. */
  TRIM_HORIZON,
  /** Only records written after the job starts. */
  LATEST
}
