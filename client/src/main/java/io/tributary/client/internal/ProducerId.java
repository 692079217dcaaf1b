package io.tributary.client.internal;

import java.security.SecureRandom;

/**
 * An idempotent producer's id: random, non-zero, 63 bits, and renewed when records whose outcome
 * is unknown leave a gap in a shard's producer sequence. Confined to the producer's sender thread.
 * A broker knows nothing of a fresh id, so it accepts the new numbering from 1 in every shard.
 */
final class ProducerId {
  private static final SecureRandom RANDOM = new SecureRandom();

  private long current;

  ProducerId() {
    this.current = draw();
  }

  long current() {
    return current;
  }

  /** Takes a new id; every shard's numbering restarts at 1 under it. */
  void renew() {
    long old = current;
    do {
      current = draw();
    } while (current == old);
  }

  private static long draw() {
    long id;
    do {
      id = RANDOM.nextLong() & Long.MAX_VALUE;
    } while (id == 0);
    return id;
  }
}
