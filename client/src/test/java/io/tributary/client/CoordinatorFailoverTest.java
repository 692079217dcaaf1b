package io.tributary.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.client.fake.FakeCatalog;
import io.tributary.client.fake.FakeCoordinator;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.StreamMode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoordinatorFailoverTest {
  private final FakeCatalog catalog = new FakeCatalog();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  @Test
  void anUnreachableCoordinatorIsSkipped() throws IOException {
    FakeCoordinator leader = coordinator(true);
    TributaryClient client = client(deadAddress(), leader.address());

    client.createStream("s", 1, 0, 0, StreamMode.PROVISIONED);

    assertThat(client.listStreams()).extracting(s -> s.getName()).containsExactly("s");
  }

  @Test
  void aStandbyRedirectsChangesToTheLeaderAndTheClientRemembersIt() {
    FakeCoordinator leader = coordinator(true);
    FakeCoordinator standby = coordinator(false);
    standby.leaderAddress = leader.address();
    TributaryClient client = client(standby.address(), leader.address());

    client.createStream("a", 1, 0, 0, StreamMode.PROVISIONED);
    client.createStream("b", 1, 0, 0, StreamMode.PROVISIONED);
    client.deleteStream("a");

    assertThat(standby.calls).as("only the first change went to the standby").hasValue(1);
    assertThat(leader.changes).hasValue(3);
  }

  @Test
  void aLeaderChangeIsInvisibleToCallers() {
    FakeCoordinator leader = coordinator(true);
    FakeCoordinator standby = coordinator(false);
    TributaryClient client = client(leader.address(), standby.address());
    client.createStream("before", 1, 0, 0, StreamMode.PROVISIONED);

    leader.kill();
    // the standby wins its election only after it turned the client away twice, naming no leader
    CompletableFuture<Void> election = CompletableFuture.runAsync(() -> {
      await().atMost(Duration.ofSeconds(10)).until(() -> standby.calls.get() >= 2);
      standby.leader = true;
    });
    client.createStream("after", 1, 0, 0, StreamMode.PROVISIONED);

    assertThat(election).succeedsWithin(Duration.ofSeconds(5));
    assertThat(client.listStreams()).extracting(s -> s.getName()).containsExactlyInAnyOrder("before", "after");
  }

  @Test
  void withNoCoordinatorTheCallFailsAsUnavailableNamingTheAddresses() throws IOException {
    String a = deadAddress();
    String b = deadAddress();
    TributaryClient client = client(a, b);

    assertThatThrownBy(client::listStreams)
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
          assertThat(e).hasMessageContaining(a).hasMessageContaining(b).hasMessageContaining("trib cluster status");
        });
  }

  @Test
  void nonRetryableErrorsAreNotRetried() {
    FakeCoordinator leader = coordinator(true);
    TributaryClient client = client(leader.address());

    assertThatThrownBy(() -> client.describeStream("missing", false))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
          assertThat(e).hasMessageContaining("stream 'missing' does not exist");
        });
    assertThat(catalog.describes).hasValue(1);
  }

  private FakeCoordinator coordinator(boolean leader) {
    FakeCoordinator c = FakeCoordinator.start(catalog, leader);
    toClose.add(c);
    return c;
  }

  private TributaryClient client(String... addresses) {
    TributaryClient c = TributaryClient.connect(
        new ClientOptions(List.of(addresses), Duration.ofSeconds(2), Duration.ofSeconds(3)));
    toClose.add(0, c);
    return c;
  }

  private static String deadAddress() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return "127.0.0.1:" + s.getLocalPort();
    }
  }
}
