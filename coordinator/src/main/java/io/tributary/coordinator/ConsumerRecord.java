package io.tributary.coordinator;

/**
 * A registered consumer as stored in its ZooKeeper node (JSON); brokers read the same node to admit
 * its subscriptions. Immutable.
 */
record ConsumerRecord(String name, String stream, long createdMillis) {}
