package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.common.zk.Registrations;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamCatalogIT {
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  private CoordinatorTestKit kit;
  private StreamCatalog catalog;
  private LeaderTerms terms;

  @BeforeEach
  void setUp() {
    kit = new CoordinatorTestKit(ZOOKEEPER.server());
    new ClusterDirectory(kit.zk(), kit.paths).ensureLayout();
    catalog = new StreamCatalog(kit.zk(), kit.paths);
    terms = new LeaderTerms(kit.zk(), kit.paths);
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  @Test
  void createWritesTheStreamAndAllItsShards() throws Exception {
    Term term = terms.begin(new Registrations.Coordinator("a", "127.0.0.1:1"));

    catalog.create(stream("clicks", 3), shards(3), term);

    StreamSnapshot read = catalog.get("clicks");
    assertThat(read.stream()).isEqualTo(stream("clicks", 3));
    assertThat(read.shards()).isEqualTo(shards(3));
    assertThat(catalog.load().leaders()).containsEntry(7, 3);
    assertThat(catalog.load().replicas()).containsEntry(7, 3);
  }

  @Test
  void aStreamIsCreatedWhollyOrNotAtAll() throws Exception {
    Term term = terms.begin(new Registrations.Coordinator("a", "127.0.0.1:1"));
    List<ShardMetadata> shards = new ArrayList<>(shards(5));
    shards.add(shards.get(0)); // the last node of the transaction collides with an earlier one

    assertThatThrownBy(() -> catalog.create(stream("clicks", 5), shards, term))
        .isInstanceOf(TributaryException.class);

    assertThat(kit.zk().checkExists().forPath(kit.paths.stream("clicks"))).isNull();
    assertThat(catalog.all()).isEmpty();
  }

  @Test
  void anExistingStreamIsInUse() throws Exception {
    Term term = terms.begin(new Registrations.Coordinator("a", "127.0.0.1:1"));
    catalog.create(stream("clicks", 1), shards(1), term);

    assertThatThrownBy(() -> catalog.create(stream("clicks", 1), shards(1), term))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_IN_USE))
        .hasMessage("stream 'clicks' already exists");
  }

  @Test
  void aSupersededTermCannotWrite() throws Exception {
    Term old = terms.begin(new Registrations.Coordinator("a", "127.0.0.1:1"));
    catalog.create(stream("kept", 1), shards(1), old);
    StreamSnapshot kept = catalog.get("kept");
    Term newer = terms.begin(new Registrations.Coordinator("b", "127.0.0.1:2"));
    assertThat(newer.epoch()).isGreaterThan(old.epoch());

    assertThatThrownBy(() -> catalog.create(stream("clicks", 2), shards(2), old)).isInstanceOf(FencedOutException.class);
    assertThatThrownBy(() -> catalog.update(kept, kept.stream().withRetentionHours(99), old))
        .isInstanceOf(FencedOutException.class);
    assertThatThrownBy(() -> catalog.deleteTree("kept", old)).isInstanceOf(FencedOutException.class);

    assertThat(catalog.find("clicks")).isEmpty();
    assertThat(catalog.get("kept")).isEqualTo(kept);
  }

  @Test
  void updateIsCompareAndSet() throws Exception {
    Term term = terms.begin(new Registrations.Coordinator("a", "127.0.0.1:1"));
    catalog.create(stream("clicks", 1), shards(1), term);
    StreamSnapshot read = catalog.get("clicks");
    catalog.update(read, read.stream().withRetentionHours(48), term);

    assertThatThrownBy(() -> catalog.update(read, read.stream().withRetentionHours(72), term))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessageContaining("changed");
    assertThat(catalog.get("clicks").stream().retentionHours()).isEqualTo(48);
  }

  @Test
  void deleteTreeRemovesTheStreamAndItsShards() throws Exception {
    Term term = terms.begin(new Registrations.Coordinator("a", "127.0.0.1:1"));
    catalog.create(stream("clicks", 4), shards(4), term);

    catalog.deleteTree("clicks", term);

    assertThat(kit.zk().checkExists().forPath(kit.paths.stream("clicks"))).isNull();
    assertThat(catalog.all()).isEmpty();
  }

  @Test
  void eachTermAnnouncesItsLeader() throws Exception {
    Term first = terms.begin(new Registrations.Coordinator("a", "127.0.0.1:1"));
    Term second = terms.begin(new Registrations.Coordinator("b", "127.0.0.1:2"));

    ClusterDirectory directory = new ClusterDirectory(kit.zk(), kit.paths);
    assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
    assertThat(directory.leader()).contains(new Registrations.Leader("b", "127.0.0.1:2", second.epoch()));
    assertThat(directory.epochCounter()).isEqualTo(second.epoch());
  }

  private static StreamMetadata stream(String name, int shards) {
    return new StreamMetadata(name, "uid-" + name, StreamMetadata.ACTIVE, "PROVISIONED", 24, 1, 1000L, shards, 0, 0);
  }

  private static List<ShardMetadata> shards(int n) {
    List<HashKeyRange> ranges = HashKeyRange.uniform(n);
    List<ShardMetadata> shards = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      shards.add(new ShardMetadata(ShardIds.of(i), ranges.get(i).start().toString(), ranges.get(i).end().toString(),
          List.of(), ShardMetadata.OPEN, 7, 0, List.of(7), List.of(7), -1));
    }
    return shards;
  }
}
