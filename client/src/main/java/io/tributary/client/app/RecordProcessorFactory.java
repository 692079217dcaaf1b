package io.tributary.client.app;

/** Creates a record processor for each shard lease an instance takes. Called from the balancer thread. */
@FunctionalInterface
public interface RecordProcessorFactory {
  RecordProcessor create(String shardId);
}
