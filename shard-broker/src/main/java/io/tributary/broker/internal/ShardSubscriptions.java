package io.tributary.broker.internal;

import io.tributary.broker.QuotaSettings;
import io.tributary.common.error.TributaryException;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live subscriptions of a led shard, with the one subscription and the read quota of each
 * registered consumer on it. Thread-safe: request threads add and replace subscriptions while
 * pumps remove themselves and the assignment thread ends consumers.
 *
 * <p>A consumer's quota outlives its subscriptions, so that subscribing again does not refill it;
 * it is forgotten only when the consumer is deregistered.
 */
final class ShardSubscriptions implements Iterable<SubscriptionPump> {
  private final QuotaSettings quotas;
  private final Clock clock;
  private final Set<SubscriptionPump> subscriptions = ConcurrentHashMap.newKeySet();
  private final Map<String, SubscriptionPump> consumerSubscriptions = new ConcurrentHashMap<>();
  private final Map<String, SubscribeQuota> consumerQuotas = new ConcurrentHashMap<>();

  ShardSubscriptions(QuotaSettings quotas, Clock clock) {
    this.quotas = quotas;
    this.clock = clock;
  }

  void add(SubscriptionPump subscription) {
    subscriptions.add(subscription);
  }

  void remove(SubscriptionPump subscription) {
    subscriptions.remove(subscription);
    if (!subscription.consumer().isEmpty()) {
      consumerSubscriptions.remove(subscription.consumer(), subscription);
    }
  }

  /**
   * Makes {@code subscription} the one of {@code consumer} on this shard.
   *
   * @return the subscription it takes over from, or null if there was none
   */
  SubscriptionPump replaceConsumerSubscription(String consumer, SubscriptionPump subscription) {
    return consumerSubscriptions.put(consumer, subscription);
  }

  /** The read quota of {@code consumer} on this shard; unlimited if quotas are off. */
  SubscribeQuota consumerQuota(String consumer) {
    if (!quotas.enabled()) {
      return SubscribeQuota.unlimited();
    }
    return consumerQuotas.computeIfAbsent(
        consumer, c -> SubscribeQuota.perSecond(quotas.subscribeBytesPerSecond(), clock));
  }

  /** Ends the subscription of a consumer that was deregistered, and forgets its quota. */
  void endConsumer(String consumer, TributaryException reason) {
    consumerQuotas.remove(consumer);
    SubscriptionPump subscription = consumerSubscriptions.remove(consumer);
    if (subscription != null) {
      subscription.terminate(reason);
    }
  }

  /** Wakes every subscription: records were committed, or the shard was sealed. */
  void signalAll() {
    for (SubscriptionPump subscription : subscriptions) {
      subscription.signal();
    }
  }

  void terminateAll(TributaryException reason) {
    for (SubscriptionPump subscription : subscriptions) {
      subscription.terminate(reason);
    }
  }

  int size() {
    return subscriptions.size();
  }

  @Override
  public Iterator<SubscriptionPump> iterator() {
    return subscriptions.iterator();
  }
}
