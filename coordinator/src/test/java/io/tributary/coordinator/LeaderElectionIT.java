package io.tributary.coordinator;

import static io.tributary.coordinator.CoordinatorTestKit.assertFails;
import static io.tributary.coordinator.CoordinatorTestKit.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.CoordinatorInfo;
import io.tributary.proto.v1.GetClusterStatusRequest;
import io.tributary.proto.v1.ListStreamsRequest;
import io.tributary.proto.v1.StreamSummary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.test.KillSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeaderElectionIT {
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(10);
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  private CoordinatorTestKit kit;
  private CoordinatorServer leader;
  private CoordinatorServer standby;

  @BeforeEach
  void setUp() throws Exception {
    kit = new CoordinatorTestKit(ZOOKEEPER.server());
    kit.registerBroker(1, "127.0.0.1:9001");
  }

  private void startLeaderAndStandby(Map<String, String> leaderSettings) {
    leader = kit.startLeader(leaderSettings);
    standby = kit.startCoordinator();
    await().atMost(FAILOVER_BOUND).until(() -> clusterStatus(standby).getCoordinatorsCount() == 2);
  }

  private void startLeaderAndStandby() {
    startLeaderAndStandby(Map.of());
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  @Test
  void exactlyOneLeaderAndTheStandbyServesReadsButRedirectsChanges() {
    startLeaderAndStandby();
    kit.streams(leader).createStream(create("clicks", 2));

    assertThat(leader.isLeader()).isTrue();
    assertThat(standby.isLeader()).isFalse();
    assertThat(kit.streams(standby).listStreams(ListStreamsRequest.getDefaultInstance()).getStreamsList())
        .extracting(StreamSummary::getName).containsExactly("clicks");
    assertThat(kit.streams(standby).describeStream(StreamAdminIT.describe("clicks", false)).getShards(0)
        .getLeaderAddress()).isEqualTo("127.0.0.1:9001");
    await().atMost(FAILOVER_BOUND).untilAsserted(
        () -> assertRedirectsTo(leader, () -> kit.streams(standby).createStream(create("other", 1))));
    assertRedirectsTo(leader, () -> kit.streams(standby).deleteStream(StreamAdminIT.delete("clicks")));
    assertRedirectsTo(leader, () -> kit.streams(standby).updateRetention(StreamAdminIT.retention("clicks", 48)));

    ClusterStatus status = clusterStatus(standby);
    assertThat(status.getCoordinatorsList()).extracting(CoordinatorInfo::getId, CoordinatorInfo::getLeader)
        .containsExactlyInAnyOrder(
            org.assertj.core.api.Assertions.tuple(leader.id(), true),
            org.assertj.core.api.Assertions.tuple(standby.id(), false));
    assertThat(status.getLeaderEpoch()).isEqualTo(leader.leaderEpoch().getAsLong());
    assertThat(kit.streams(standby).listStreams(ListStreamsRequest.getDefaultInstance()).getStreamsCount())
        .isEqualTo(1);
  }

  @Test
  void closingTheLeaderMakesTheStandbyLeadUnderANewEpoch() throws Exception {
    startLeaderAndStandby();
    kit.streams(leader).createStream(create("clicks", 2));
    long oldEpoch = leader.leaderEpoch().getAsLong();

    leader.close();

    await().atMost(FAILOVER_BOUND).until(standby::isLeader);
    assertThat(standby.leaderEpoch().getAsLong()).isGreaterThan(oldEpoch);
    assertThat(leaderNode()).isEqualTo(
        new Registrations.Leader(standby.id(), standby.address(), standby.leaderEpoch().getAsLong()));
    assertThat(kit.streams(standby).createStream(create("other", 1)).getName()).isEqualTo("other");
    assertThat(clusterStatus(standby).getStreamCount()).isEqualTo(2);
  }

  @Test
  void anExpiredLeaderSessionHandsOverAndTheOldLeaderStandsBy() throws Exception {
    startLeaderAndStandby();
    long oldEpoch = leader.leaderEpoch().getAsLong();

    KillSession.kill(leader.zooKeeper().getZookeeperClient().getZooKeeper());

    await().atMost(FAILOVER_BOUND).until(standby::isLeader);
    assertThat(standby.leaderEpoch().getAsLong()).isGreaterThan(oldEpoch);
    await().atMost(FAILOVER_BOUND).until(() -> !leader.isLeader());
    await().atMost(FAILOVER_BOUND).untilAsserted(
        () -> assertRedirectsTo(standby, () -> kit.streams(leader).createStream(create("clicks", 1))));
    await().atMost(FAILOVER_BOUND).until(() -> clusterStatus(standby).getCoordinatorsCount() == 2);
    assertThat(kit.streams(standby).createStream(create("clicks", 1)).getName()).isEqualTo("clicks");
  }

  @Test
  void aLeaderCutOffFromZooKeeperStopsAtOnceAndTheStandbyTakesOverWhenItsSessionExpires() throws Exception {
    try (TcpProxy link = new TcpProxy(ZOOKEEPER.server().getPort())) {
      startLeaderAndStandby(Map.of(CommonKeys.ZOOKEEPER.name(), link.address()));
      long oldEpoch = leader.leaderEpoch().getAsLong();

      // A partition, or kill -9 as ZooKeeper sees it: the session lives on until it times out.
      link.cut();

      await().atMost(FAILOVER_BOUND).until(() -> !leader.isLeader());
      assertRedirectsTo(leader, () -> kit.streams(leader).createStream(create("clicks", 1)));
      assertFails(() -> kit.streams(leader).listStreams(ListStreamsRequest.getDefaultInstance()),
          Status.Code.UNAVAILABLE, "Unavailable", "lost its ZooKeeper connection");
      await().atMost(FAILOVER_BOUND).until(standby::isLeader);
      assertThat(standby.leaderEpoch().getAsLong()).isGreaterThan(oldEpoch);
      assertThat(kit.streams(standby).createStream(create("clicks", 1)).getName()).isEqualTo("clicks");

      link.heal();
      await().atMost(FAILOVER_BOUND).untilAsserted(
          () -> assertRedirectsTo(standby, () -> kit.streams(leader).createStream(create("other", 1))));
      assertThat(leader.isLeader()).isFalse();
      leader.close(); // while its ZooKeeper is still reachable through the link
    }
  }

  @Test
  void aLeaderWhoseTermWasSupersededCannotWrite() throws Exception {
    startLeaderAndStandby();
    long ownEpoch = leader.leaderEpoch().getAsLong();
    // Another term began behind the leader's back.
    kit.zk().setData().forPath(kit.paths.coordinatorEpoch(), "100".getBytes(StandardCharsets.US_ASCII));

    assertFails(() -> kit.streams(leader).createStream(create("clicks", 1)), Status.Code.FAILED_PRECONDITION,
        "NotLeader", "standby");

    assertThat(kit.zk().checkExists().forPath(kit.paths.stream("clicks"))).isNull();
    // Still elected, it begins a newer term of its own and acts again.
    await().atMost(FAILOVER_BOUND).until(leader::isLeader);
    assertThat(leader.leaderEpoch().getAsLong()).isEqualTo(101).isGreaterThan(ownEpoch);
    assertThat(kit.streams(leader).createStream(create("clicks", 1)).getName()).isEqualTo("clicks");
  }

  private void assertRedirectsTo(CoordinatorServer expected,
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    StatusRuntimeException e =
        assertFails(call, Status.Code.FAILED_PRECONDITION, "NotLeader", "the leader is at " + expected.address());
    assertThat(e.getTrailers().get(GrpcErrors.LEADER)).isEqualTo(expected.address());
  }

  private ClusterStatus clusterStatus(CoordinatorServer coordinator) {
    return kit.clusterAdmin(coordinator).getClusterStatus(GetClusterStatusRequest.getDefaultInstance());
  }

  private Registrations.Leader leaderNode() throws Exception {
    return MetadataJson.read(kit.zk().getData().forPath(kit.paths.coordinatorLeader()), Registrations.Leader.class);
  }
}
