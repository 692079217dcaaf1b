package io.tributary.broker.internal;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tributary.broker.ShardLogClosedException;
import java.util.List;

/**
 * The broker's Prometheus metrics: counters per stream and shard, and gauges read from the shard
 * registry when scraped. Thread-safe.
 *
 * <p>Each led shard looks its counter children up once ({@link #shard}) and drops them when it
 * closes, so request threads only add to lock-free adders and the label sets stay bounded by the
 * shards this broker leads.
 */
final class BrokerMetrics {
  private static final String[] SHARD_LABELS = {"stream", "shard"};

  private final Counter recordsAppended;
  private final Counter bytesAppended;
  private final Counter putRequests;
  private final Counter throttledRecords;
  private final Counter duplicateRecords;
  private final Counter getRecordsCalls;
  private final Counter recordsServed;
  private final Counter recordsPushed;
  private final Counter bytesPushed;
  private final List<Counter> all;

  BrokerMetrics(PrometheusRegistry registry) {
    recordsAppended = counter(registry, "tributary_broker_records_appended_total", "records appended to shard logs");
    bytesAppended = counter(registry, "tributary_broker_bytes_appended_total",
        "partition key and data bytes appended to shard logs");
    putRequests = counter(registry, "tributary_broker_put_requests_total",
        "shard batches of PutRecords requests received by a led shard");
    throttledRecords = counter(registry, "tributary_broker_throttled_records_total",
        "records refused because the shard was over its write quota");
    duplicateRecords = counter(registry, "tributary_broker_duplicate_records_total",
        "records of idempotent producers dropped because the shard already held them");
    getRecordsCalls = counter(registry, "tributary_broker_get_records_calls_total", "GetRecords calls served");
    recordsServed = counter(registry, "tributary_broker_records_served_total", "records served by GetRecords");
    recordsPushed = counter(registry, "tributary_broker_subscription_records_total",
        "records pushed to subscriptions");
    bytesPushed = counter(registry, "tributary_broker_subscription_bytes_total",
        "record bytes (stored form) pushed to subscriptions");
    all = List.of(recordsAppended, bytesAppended, putRequests, throttledRecords, duplicateRecords, getRecordsCalls,
        recordsServed, recordsPushed, bytesPushed);
  }

  /** Metrics that no registry shows, for shards built outside a running broker. */
  static BrokerMetrics detached() {
    return new BrokerMetrics(new PrometheusRegistry());
  }

  /** The counters of one shard; call once when the shard is opened. */
  ShardMetrics shard(String stream, String shardId) {
    return new ShardMetrics(this, stream, shardId,
        recordsAppended.labelValues(stream, shardId), bytesAppended.labelValues(stream, shardId),
        putRequests.labelValues(stream, shardId), throttledRecords.labelValues(stream, shardId),
        duplicateRecords.labelValues(stream, shardId), getRecordsCalls.labelValues(stream, shardId),
        recordsServed.labelValues(stream, shardId), recordsPushed.labelValues(stream, shardId),
        bytesPushed.labelValues(stream, shardId));
  }

  /** Drops a shard's counters once the broker no longer leads it. */
  void forget(String stream, String shardId) {
    for (Counter counter : all) {
      counter.remove(stream, shardId);
    }
  }

  /** Registers the gauges that are read from {@code shards} at scrape time. */
  static void registerGauges(PrometheusRegistry registry, ShardRegistry shards) {
    GaugeWithCallback.builder().name("tributary_broker_shards_led").help("shards this broker leads")
        .labelNames("stream")
        .callback(cb -> {
          for (StreamState stream : shards.streams()) {
            cb.call(stream.led().size(), stream.name());
          }
        })
        .register(registry);
    GaugeWithCallback.builder().name("tributary_broker_subscriptions_active").help("open subscriptions")
        .labelNames(SHARD_LABELS)
        .callback(cb -> {
          for (StreamState stream : shards.streams()) {
            for (LedShard shard : stream.led().values()) {
              cb.call(shard.subscriptions().size(), stream.name(), shard.shardId());
            }
          }
        })
        .register(registry);
    GaugeWithCallback.builder().name("tributary_broker_shard_log_bytes").help("bytes of shard log files on disk")
        .labelNames(SHARD_LABELS)
        .callback(cb -> {
          for (StreamState stream : shards.streams()) {
            for (LedShard shard : stream.led().values()) {
              logBytes(shard, cb, stream.name());
            }
          }
        })
        .register(registry);
  }

  private static void logBytes(LedShard shard, GaugeWithCallback.Callback cb, String stream) {
    try {
      cb.call(shard.log().bytesOnDisk(), stream, shard.shardId());
    } catch (ShardLogClosedException closedMeanwhile) {
      // The shard stopped being led during the scrape; it simply has no value this time.
    }
  }

  private static Counter counter(PrometheusRegistry registry, String name, String help) {
    return Counter.builder().name(name).help(help).labelNames(SHARD_LABELS).withoutExemplars().register(registry);
  }
}
