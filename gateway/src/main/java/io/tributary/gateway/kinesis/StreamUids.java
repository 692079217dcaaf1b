package io.tributary.gateway.kinesis;

import io.tributary.client.TributaryClient;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers each stream's uid for a short while, so that writes can encode sequence numbers without
 * asking the coordinators every time. Thread-safe.
 *
 * <p>Entries live {@link #TTL_MILLIS}: a stream deleted and re-created elsewhere is seen within that
 * time, and callers that find a uid disagreeing with fresher evidence call {@link #forget}.
 */
public final class StreamUids {
  static final long TTL_MILLIS = 10_000;

  private final TributaryClient client;
  private final Clock clock;
  private final ConcurrentMap<String, Entry> uids = new ConcurrentHashMap<>();

  public StreamUids(TributaryClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public String uid(String stream) {
    long now = clock.millis();
    Entry entry = uids.get(stream);
    if (entry == null || now - entry.fetchedMillis() > TTL_MILLIS) {
      entry = new Entry(client.describeStream(stream, false).getUid(), now);
      uids.put(stream, entry);
    }
    return entry.uid();
  }

  public void forget(String stream) {
    uids.remove(stream);
  }

  private record Entry(String uid, long fetchedMillis) {}
}
