/**
 * How the client works; not an API, and free to change.
 *
 * <p>Coordinators: {@link io.tributary.client.internal.CoordinatorPool} sticks to the coordinator
 * that answered last, moves on when one is unreachable, follows NotLeader redirects, and retries
 * within the client's retry timeout. Shard maps come from DescribeStream through
 * {@link io.tributary.client.internal.ShardMaps} and are dropped when a broker contradicts them.
 *
 * <p>Producer: callers' threads check each record, hash its key and build its request entry, then
 * hand it to the producer's one sender thread through a lock-guarded inbox that also bounds the
 * records in flight. The sender owns all routing, batching and retry state (per-shard queues,
 * at most one request in flight per shard), sends with asynchronous stubs, and learns of answers
 * and map reloads through an event queue. Answers complete the acknowledged records' futures on
 * the gRPC thread that received them, in one pass; failures go back to the sender, which retries
 * them at the front of their shard's queue, so retries never reorder a shard.
 *
 * <p>Readers: each shard reader renews its iterator after the last delivered record whenever the
 * iterator expires or the shard moves; the stream reader starts a shard only once its parents are
 * read to their end. Subscriptions request one event at a time after the handler returns, on a
 * thread of their own, and subscribe again after the last delivered record when a stream breaks.
 */
package io.tributary.client.internal;
