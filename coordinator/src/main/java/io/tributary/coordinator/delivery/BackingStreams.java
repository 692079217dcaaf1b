package io.tributary.coordinator.delivery;

/**
 * What delivery streams need of the coordinator's streams: the backing stream of a direct-put
 * delivery stream is created and deleted the way StreamAdmin does it. Thread-safe.
 */
public interface BackingStreams {
  boolean exists(String stream);

  /** Creates a provisioned stream with the cluster's default retention and replication. */
  void create(String stream, int shards);

  /** Deletes the stream; nothing when it does not exist. */
  void deleteIfExists(String stream);
}
