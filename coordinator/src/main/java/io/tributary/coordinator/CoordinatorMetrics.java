package io.tributary.coordinator;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.ErrorMappingInterceptor;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The coordinator's Prometheus metrics: admin requests and resharding actions as counters,
 * leadership and cluster size as gauges read when scraped. Thread-safe.
 *
 * <p>Cluster gauges read ZooKeeper at scrape time rather than tracking changes, so a standby shows
 * the same numbers as the leader without keeping its own copy of the metadata.
 */
final class CoordinatorMetrics {
  private static final Logger LOG = LogManager.getLogger(CoordinatorMetrics.class);

  private final Counter adminRequests;
  private final Counter reshards;
  private final Counter failovers;
  private final Counter replicaMoves;

  CoordinatorMetrics(PrometheusRegistry registry) {
    adminRequests = Counter.builder().name("tributary_coordinator_admin_requests_total")
        .help("admin requests by gRPC method and outcome (OK or the error name)")
        .labelNames("method", "outcome").withoutExemplars().register(registry);
    reshards = Counter.builder().name("tributary_coordinator_reshards_total")
        .help("resharding actions by kind (split, merge, scale) and origin (operator or scaler)")
        .labelNames("kind", "origin").withoutExemplars().register(registry);
    failovers = Counter.builder().name("tributary_coordinator_leader_failovers_total")
        .help("shard leader changes because a leader broker was lost or returned")
        .withoutExemplars().register(registry);
    replicaMoves = Counter.builder().name("tributary_coordinator_replica_moves_total")
        .help("replica moves finished by drains and rebalances")
        .withoutExemplars().register(registry);
  }

  /** Counts one shard whose leader the failover changed. */
  void failover() {
    failovers.inc();
  }

  /** Counts one finished replica move. */
  void replicaMove() {
    replicaMoves.inc();
  }

  /** Counts one admin request that ended with {@code outcome}. */
  void request(String method, String outcome) {
    adminRequests.labelValues(method, outcome).inc();
  }

  /** Counts one resharding action a leader applied. */
  void reshard(String kind, boolean byScaler) {
    reshards.labelValues(kind, byScaler ? "scaler" : "operator").inc();
  }

  /**
   * Wraps each service so that every call is counted with the outcome its client sees; the error
   * mapping runs inside the count, so thrown errors are counted by their name.
   */
  List<BindableService> counted(List<BindableService> services) {
    AdminRequestCounter counter = new AdminRequestCounter(this);
    ErrorMappingInterceptor errors = new ErrorMappingInterceptor();
    return services.stream()
        .<BindableService>map(service -> () -> ServerInterceptors.intercept(service.bindService(), errors, counter))
        .toList();
  }

  /** Registers the gauges read from the leadership state and ZooKeeper at scrape time. */
  static void registerGauges(
      PrometheusRegistry registry, LeadershipState leadership, StreamCatalog catalog, ClusterDirectory directory) {
    GaugeWithCallback.builder().name("tributary_coordinator_is_leader")
        .help("1 if this coordinator acts as leader, else 0")
        .callback(cb -> cb.call(leadership.isLeader() ? 1 : 0)).register(registry);
    GaugeWithCallback.builder().name("tributary_coordinator_leader_epoch")
        .help("the epoch this coordinator leads under; absent on a standby")
        .callback(cb -> {
          OptionalLong epoch = leadership.epoch();
          if (epoch.isPresent()) {
            cb.call(epoch.getAsLong());
          }
        }).register(registry);
    clusterGauge(registry, "tributary_coordinator_streams", "streams in the cluster", c -> c.all().size(), catalog);
    clusterGauge(registry, "tributary_coordinator_open_shards", "open shards of all streams",
        c -> c.all().stream().mapToInt(StreamSnapshot::openShardCount).sum(), catalog);
    clusterGauge(registry, "tributary_coordinator_live_brokers", "brokers registered in ZooKeeper",
        d -> d.liveBrokers().size(), directory);
  }

  private static <T> void clusterGauge(
      PrometheusRegistry registry, String name, String help, ToIntFunction<T> read, T source) {
    GaugeWithCallback.builder().name(name).help(help)
        .callback(cb -> {
          try {
            cb.call(read.applyAsInt(source));
          } catch (TributaryException e) {
            // ZooKeeper is unreachable: the gauge is absent from this scrape instead of failing it.
            LOG.debug("{} is not available: {}", name, e.getMessage());
          }
        }).register(registry);
  }
}
