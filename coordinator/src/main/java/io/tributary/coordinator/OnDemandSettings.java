package io.tributary.coordinator;

import java.time.Duration;

/**
 * Settings of on-demand streams and their scaler, validated by {@link CoordinatorConfig}. Immutable.
 *
 * @param splitThreshold fraction of one shard's capacity above which a shard is split
 * @param mergeThreshold fraction of one shard's capacity under which two adjacent shards are merged
 */
public record OnDemandSettings(int minShards, int maxShards, Duration interval, double splitThreshold,
    double mergeThreshold, int shardRecordsPerSecond, int shardBytesPerSecond, Duration cooldown) {}
