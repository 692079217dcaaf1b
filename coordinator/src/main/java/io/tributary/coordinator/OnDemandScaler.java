package io.tributary.coordinator;

import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.StreamMetadata;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Scales on-demand streams on the leader: every interval it measures each open shard's write rate,
 * asks the {@link ScalingPolicy} and carries out at most one split or merge per stream per cooldown.
 * Thread-safe: {@link #runOnce} runs on the scaler's own thread, or a test's.
 *
 * <p>Time decisions (the cooldown) use the injected clock, so a test steps them; only the period of
 * the scheduled run is real time.
 */
final class OnDemandScaler implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(OnDemandScaler.class);

  /** The streams to consider, and when each was last resharded (-1: never). */
  interface Streams {
    List<StreamSnapshot> all();

    long lastScalingMillis(String stream);
  }

  /** Measured write rates by shard id; shards whose leader did not answer are absent. */
  interface RateSource {
    Map<String, ScalingPolicy.ShardRate> rates(StreamSnapshot stream);
  }

  /** Carries out a decision (through the leader's resharding commands). */
  interface Actions {
    void split(String stream, String shardId, String reason);

    void merge(String stream, String shardId, String adjacentShardId, String reason);
  }

  private final OnDemandSettings settings;
  private final ScalingPolicy policy;
  private final BooleanSupplier leader;
  private final Streams streams;
  private final RateSource rates;
  private final Actions actions;
  private final Clock clock;
  private final ScheduledExecutorService timer;

  OnDemandScaler(OnDemandSettings settings, BooleanSupplier leader, Streams streams, RateSource rates,
      Actions actions, Clock clock) {
    this.settings = settings;
    this.policy = new ScalingPolicy(settings);
    this.leader = leader;
    this.streams = streams;
    this.rates = rates;
    this.actions = actions;
    this.clock = clock;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "coordinator-on-demand-scaler");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@link #runOnce} every interval until closed. */
  void start() {
    long period = settings.interval().toMillis();
    timer.scheduleWithFixedDelay(this::runGuarded, period, period, TimeUnit.MILLISECONDS);
  }

  /** One look at every on-demand stream; does nothing on a standby. */
  void runOnce() {
    if (!leader.getAsBoolean()) {
      return;
    }
    for (StreamSnapshot stream : streams.all()) {
      if (stream.stream().onDemand() && StreamMetadata.ACTIVE.equals(stream.stream().status())) {
        try {
          scale(stream);
        } catch (TributaryException e) {
          // Another stream must not wait for this one; the next run looks again.
          LOG.warn("on-demand scaling of stream '{}' failed: {}", stream.name(), e.describe());
        }
      }
    }
  }

  private void scale(StreamSnapshot stream) {
    long last = streams.lastScalingMillis(stream.name());
    if (last >= 0 && clock.millis() - last < settings.cooldown().toMillis()) {
      return;
    }
    Optional<ScalingPolicy.Decision> decision = policy.decide(stream, rates.rates(stream));
    if (decision.isEmpty()) {
      return;
    }
    ScalingPolicy.Decision d = decision.get();
    LOG.info("on-demand scaler: {} in stream '{}' because {}", d.action(), stream.name(), d.reason());
    if (ScalingRecord.SPLIT.equals(d.action())) {
      actions.split(stream.name(), d.shardIds().get(0), d.reason());
    } else {
      actions.merge(stream.name(), d.shardIds().get(0), d.shardIds().get(1), d.reason());
    }
  }

  private void runGuarded() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // A failed run must not cancel the schedule; the next run looks again.
      LOG.error("on-demand scaler run failed", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("on-demand scaler did not stop within 5s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
