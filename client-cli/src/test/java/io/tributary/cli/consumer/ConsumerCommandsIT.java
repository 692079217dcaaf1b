package io.tributary.cli.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.TestCli;
import io.tributary.cli.fake.FakeCoordinator;
import io.tributary.cli.output.Json;
import io.tributary.common.zk.ZkPaths;
import io.tributary.common.zk.ZooKeeperClients;
import io.tributary.proto.v1.DeregisterConsumerRequest;
import io.tributary.proto.v1.HashKeyRange;
import io.tributary.proto.v1.RegisterConsumerRequest;
import io.tributary.proto.v1.RegisteredConsumer;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consumer commands against a scripted coordinator and a real ZooKeeper holding an application's state. */
class ConsumerCommandsIT {
  private static final ZkPaths PATHS = new ZkPaths("tributary");
  private static final StreamDescription CLICKS = StreamDescription.newBuilder()
      .setName("clicks").setStatus(StreamStatus.ACTIVE).setOpenShardCount(2)
      .addShards(shard(0, ShardState.CLOSED, 0, 10))
      .addShards(shard(1, ShardState.OPEN, 0, 100).addParentShardIds("shardId-000000000000"))
      .addShards(shard(2, ShardState.OPEN, 0, 7).addParentShardIds("shardId-000000000000"))
      .build();

  private TestingServer zookeeper;
  private CuratorFramework zk;
  private FakeCoordinator coordinator;

  @BeforeEach
  void start() throws Exception {
    zookeeper = new TestingServer(true);
    zk = ZooKeeperClients.connect(zookeeper.getConnectString(), Duration.ofSeconds(10), Duration.ofSeconds(15));
    coordinator = new FakeCoordinator();
    coordinator.zookeeper = zookeeper.getConnectString();
    coordinator.describeAnswers(CLICKS);
  }

  @AfterEach
  void stop() throws Exception {
    coordinator.close();
    zk.close();
    zookeeper.close();
  }

  @Test
  void describeShowsLeaseOwnersCheckpointsAndLagPerShard() throws Exception {
    writeApplication("audit");

    TestCli.Result r = trib("--output", "json", "consumer", "describe", "clicks", "audit");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = Json.MAPPER.readTree(r.out());
    assertThat(json.get("application").asText()).isEqualTo("audit");
    assertThat(json.get("members")).extracting(JsonNode::asText).containsExactly("i1", "i2");
    JsonNode shards = json.get("shards");
    assertThat(shards.get(0).get("checkpoint").asText()).isEqualTo("SHARD_END");
    assertThat(shards.get(0).get("leaseOwner").isNull()).isTrue();
    assertThat(shards.get(0).get("lag").asLong()).isZero();
    assertThat(shards.get(1).get("leaseOwner").asText()).isEqualTo("i1");
    assertThat(shards.get(1).get("checkpoint").asText()).isEqualTo("89");
    assertThat(shards.get(1).get("lag").asLong()).isEqualTo(10);
    assertThat(shards.get(2).get("checkpoint").isNull()).isTrue();
    assertThat(shards.get(2).get("lag").asLong()).isEqualTo(7);
    assertThat(json.get("lag").asLong()).isEqualTo(17);
  }

  @Test
  void describeAsTable() throws Exception {
    writeApplication("audit");

    TestCli.Result r = trib("consumer", "describe", "clicks", "audit");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Application:  audit on stream 'clicks'", "Members:      i1, i2", "Lag:          17 records");
    assertThat(r.out()).containsPattern("shardId-000000000000 +CLOSED +- +SHARD_END +0");
    assertThat(r.out()).containsPattern("shardId-000000000001 +OPEN +i1 +89 +10");
    assertThat(r.out()).containsPattern("shardId-000000000002 +OPEN +i2 +- +7");
  }

  @Test
  void describeOfAnApplicationThatNeverRanFails() {
    TestCli.Result r = trib("consumer", "describe", "clicks", "nobody");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().trim()).isEqualTo("ResourceNotFound: consumer application 'nobody' of stream 'clicks' has never run; "
        + "list them with 'trib consumer list clicks'");
  }

  @Test
  void listShowsRegisteredConsumersAndApplications() throws Exception {
    writeApplication("audit");
    coordinator.consumers.add(RegisteredConsumer.newBuilder().setName("push").setStream("clicks").build());

    TestCli.Result json = trib("--output", "json", "consumer", "list", "clicks");
    TestCli.Result table = trib("consumer", "list", "clicks");

    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode array = Json.MAPPER.readTree(json.out());
    assertThat(array).hasSize(2);
    assertThat(array.get(0).get("name").asText()).isEqualTo("push");
    assertThat(array.get(0).get("type").asText()).isEqualTo("registered");
    assertThat(array.get(1).get("name").asText()).isEqualTo("audit");
    assertThat(array.get(1).get("type").asText()).isEqualTo("application");
    assertThat(array.get(1).get("members").asInt()).isEqualTo(2);
    assertThat(array.get(1).get("leases").asInt()).isEqualTo(2);
    assertThat(table.out()).containsPattern("audit +application +2 live members, 2 leases, 2 checkpointed shards");
    assertThat(table.out()).containsPattern("push +registered +since 1970-01-01");
  }

  @Test
  void listOfAStreamWithoutConsumersIsEmpty() throws Exception {
    assertThat(Json.MAPPER.readTree(trib("--output", "json", "consumer", "list", "clicks").out())).isEmpty();
    assertThat(trib("consumer", "list", "clicks").out()).isEqualTo("No consumers of stream 'clicks'.\n");
  }

  @Test
  void registerAndDeregister() throws Exception {
    TestCli.Result registered = trib("--output", "json", "consumer", "register", "clicks", "push");
    TestCli.Result deregistered = trib("consumer", "deregister", "clicks", "push");

    assertThat(registered.exit()).as(registered.err()).isZero();
    assertThat(Json.MAPPER.readTree(registered.out()).get("name").asText()).isEqualTo("push");
    assertThat(((RegisterConsumerRequest) coordinator.requests.get(0)).getConsumerName()).isEqualTo("push");
    assertThat(deregistered.exit()).as(deregistered.err()).isZero();
    assertThat(deregistered.out()).isEqualTo("Deregistered consumer 'push' of stream 'clicks'.\n");
    assertThat(((DeregisterConsumerRequest) coordinator.requests.get(1)).getStream()).isEqualTo("clicks");
  }

  @Test
  void missingArgumentsAreBadUsage() {
    assertThat(trib("consumer", "register", "clicks").exit()).isEqualTo(2);
    assertThat(trib("consumer", "describe", "clicks").exit()).isEqualTo(2);
    assertThat(trib("consumer", "list").exit()).isEqualTo(2);
    assertThat(coordinator.requests).isEmpty();
  }

  private void writeApplication(String app) throws Exception {
    create(PATHS.applicationMembers("clicks", app) + "/i1", "");
    create(PATHS.applicationMembers("clicks", app) + "/i2", "");
    create(PATHS.applicationLeases("clicks", app) + "/shardId-000000000001", "i1");
    create(PATHS.applicationLeases("clicks", app) + "/shardId-000000000002", "i2");
    create(PATHS.applicationCheckpoints("clicks", app) + "/shardId-000000000000", "SHARD_END");
    create(PATHS.applicationCheckpoints("clicks", app) + "/shardId-000000000001", "89");
  }

  private void create(String path, String data) throws Exception {
    zk.create().creatingParentsIfNeeded().forPath(path, data.getBytes(StandardCharsets.UTF_8));
  }

  private TestCli.Result trib(String... args) {
    return TestCli.run(Stream.concat(Stream.of("--coordinator", coordinator.address()), Arrays.stream(args))
        .toArray(String[]::new));
  }

  private static ShardInfo.Builder shard(int index, ShardState state, long first, long next) {
    return ShardInfo.newBuilder().setShardId(String.format("shardId-%012d", index))
        .setHashKeyRange(HashKeyRange.newBuilder().setStartingHashKey("0").setEndingHashKey("1"))
        .setState(state).setSequenceRangeKnown(true).setFirstSequenceNumber(first).setNextSequenceNumber(next)
        .setEndingSequenceNumber(state == ShardState.CLOSED ? next - 1 : -1);
  }
}
