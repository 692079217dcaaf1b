package io.tributary.coordinator;

import static io.tributary.coordinator.CoordinatorTestKit.assertFails;
import static io.tributary.coordinator.CoordinatorTestKit.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.tributary.proto.v1.StreamAdminGrpc.StreamAdminBlockingStub;
import io.tributary.proto.v1.UpdateStreamTagsRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamTagsIT {
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(10);
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  private CoordinatorTestKit kit;
  private CoordinatorServer leader;

  @BeforeEach
  void setUp() throws Exception {
    kit = new CoordinatorTestKit(ZOOKEEPER.server());
    kit.registerBroker(1, "127.0.0.1:9001");
    leader = kit.startLeader();
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  @Test
  void tagsAreStoredWithTheStreamAndSurviveALeaderChange() {
    CoordinatorServer standby = kit.startCoordinator();
    assertThat(kit.streams(leader).createStream(create("clicks", 1).toBuilder().putTags("team", "ads").build())
        .getTagsMap()).containsExactly(Map.entry("team", "ads"));
    assertThat(kit.streams(leader).updateStreamTags(tags("clicks", Map.of("env", "prod", "team", "growth"), List.of()))
        .getTagsMap()).containsOnly(Map.entry("env", "prod"), Map.entry("team", "growth"));
    await().atMost(FAILOVER_BOUND).untilAsserted(() -> assertFails(
        () -> kit.streams(standby).updateStreamTags(tags("clicks", Map.of("x", "y"), List.of())),
        Status.Code.FAILED_PRECONDITION, "NotLeader", "the leader is at " + leader.address()));

    leader.close();
    await().atMost(FAILOVER_BOUND).until(standby::isLeader);

    StreamAdminBlockingStub streams = kit.streams(standby);
    assertThat(streams.describeStream(StreamAdminIT.describe("clicks", false)).getTagsMap())
        .containsOnly(Map.entry("env", "prod"), Map.entry("team", "growth"));
    assertThat(streams.updateStreamTags(tags("clicks", Map.of(), List.of("team", "never-set"))).getTagsMap())
        .containsOnly(Map.entry("env", "prod"));
    streams.deleteStream(StreamAdminIT.delete("clicks"));
    assertThat(streams.createStream(create("clicks", 1)).getTagsMap()).isEmpty();
  }

  @Test
  void refusedChangesLeaveTheTagsAsTheyWere() {
    StreamAdminBlockingStub streams = kit.streams(leader);
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 49; i++) {
      many.put("k" + i, "v");
    }
    Map<String, String> before = streams.createStream(create("clicks", 1).toBuilder().putAllTags(many).build())
        .getTagsMap();

    assertFails(() -> streams.updateStreamTags(tags("clicks", Map.of("a", "1", "b", "2"), List.of())),
        Status.Code.RESOURCE_EXHAUSTED, "LimitExceeded", "stream 'clicks' would have 51 tags, more than the limit of 50");
    assertFails(() -> streams.updateStreamTags(tags("clicks", Map.of("ok", "1", "bad*key", "2"), List.of())),
        Status.Code.INVALID_ARGUMENT, "InvalidArgument", "tag key 'bad*key' is invalid");
    assertFails(() -> streams.createStream(create("other", 1).toBuilder().putAllTags(many).putTags("a", "1")
        .putTags("b", "2").build()), Status.Code.RESOURCE_EXHAUSTED, "LimitExceeded", "51 tags");
    assertFails(() -> streams.updateStreamTags(tags("nope", Map.of("a", "1"), List.of())),
        Status.Code.NOT_FOUND, "ResourceNotFound", "nope");

    assertThat(streams.describeStream(StreamAdminIT.describe("clicks", false)).getTagsMap()).isEqualTo(before);
    assertThat(streams.listStreams(io.tributary.proto.v1.ListStreamsRequest.getDefaultInstance()).getStreamsCount())
        .isEqualTo(1);
    assertThat(streams.updateStreamTags(tags("clicks", Map.of("k0", "changed"), List.of())).getTagsMap())
        .hasSize(49).containsEntry("k0", "changed");
  }

  private static UpdateStreamTagsRequest tags(String stream, Map<String, String> put, List<String> remove) {
    return UpdateStreamTagsRequest.newBuilder().setStream(stream).putAllPut(put).addAllRemove(remove).build();
  }
}
