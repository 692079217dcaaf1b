package io.tributary.coordinator;

import io.tributary.common.stream.ShardMetadata;

/** A shard's metadata with the version of its node, for compare-and-set. Immutable. */
record VersionedShard(ShardMetadata shard, int version) {}
