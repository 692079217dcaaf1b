package io.tributary.client;

import java.util.List;

/**
 * One event pushed to a subscription: its records (none for a heartbeat, which the broker sends to
 * an idle subscription), the sequence number to resume after, and the lag behind the shard's newest
 * record. Immutable.
 */
public record SubscriptionEvent(List<ReceivedRecord> records, long continuationSequenceNumber, long millisBehindLatest) {
  public SubscriptionEvent {
    records = List.copyOf(records);
  }
}
