package io.tributary.broker;

/** The in-memory twin honours the shard log contract. */
class InMemoryShardLogTest extends ShardLogContractTest {
  private final InMemoryShardStore store = new InMemoryShardStore(clock);
  private final StreamRef stream = new StreamRef("clicks", "u1");

  @Override
  protected ShardLog open() {
    return store.open(stream, "shardId-000000000000");
  }
}
