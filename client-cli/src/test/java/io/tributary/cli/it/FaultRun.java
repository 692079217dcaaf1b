package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import java.util.List;

/**
 * One fault test's stream and writer: creates a 4-shard stream, keeps an acks=all producer writing
 * to it through the fault, and at the end checks the invariants: the stream holds exactly what was
 * acknowledged, in order, and every replica of every shard holds identical bytes. Confined to the
 * test's thread.
 */
final class FaultRun implements AutoCloseable {
  static final int SHARDS = 4;
  private static final int RECORDS_PER_SECOND = 400;

  private final ReplicatedCluster cluster;
  private final String stream;
  private final AckedLedger ledger = new AckedLedger();
  private final ContinuousProducer producer;

  private FaultRun(ReplicatedCluster cluster, String stream) {
    this.cluster = cluster;
    this.stream = stream;
    this.producer = ContinuousProducer.start(cluster.client(), stream, SHARDS, ledger, "p1", RECORDS_PER_SECOND);
  }

  /** Creates the stream with {@code replication} replicas per shard, starts writing, waits for the first acknowledgements. */
  static FaultRun begin(ReplicatedCluster cluster, String stream, int replication) {
    StreamDescription created = cluster.client().createStream(stream, SHARDS, 0, replication, StreamMode.PROVISIONED);
    assertThat(created.getShardsList()).as("replicas of every shard of %s", created)
        .allSatisfy(s -> assertThat(s.getReplicasCount()).isEqualTo(replication));
    cluster.awaitFullIsr(stream);
    FaultRun run = new FaultRun(cluster, stream);
    run.producer.awaitMoreAckedOnEveryShard(100, ReplicatedCluster.WAIT);
    return run;
  }

  String stream() {
    return stream;
  }

  AckedLedger ledger() {
    return ledger;
  }

  /** The shard the test aims its fault at: the first one. */
  ShardInfo target() {
    return cluster.describe(stream).getShards(0);
  }

  /** Waits until acknowledgements come back on every shard again. */
  void awaitProgress() {
    producer.awaitMoreAckedOnEveryShard(100, ReplicatedCluster.WAIT);
  }

  /**
   * Writes a while longer, stops and flushes the producer, then checks the stream through the
   * client and, with the brokers stopped, their logs.
   */
  void finishAndVerify() throws InterruptedException {
    awaitProgress();
    producer.stopAndFlush();
    StreamVerifier.Result result = StreamVerifier.verify(cluster.client(), stream, ledger);
    System.out.println(stream + ": " + result.summary());
    assertThat(result.violations()).as("stream '%s' against what the producer was told: %s", stream, result.summary())
        .isEmpty();
    List<String> differences = cluster.stopBrokersAndCompareReplicas(stream);
    String sizes = describeSizes();
    System.out.println(stream + " replicas: " + sizes);
    assertThat(differences).as("replicas of '%s' (%s)", stream, sizes).isEmpty();
  }

  private String describeSizes() {
    try {
      return ReplicaLogs.sizes(cluster.client().describeStream(stream, false), cluster::brokerDir);
    } catch (RuntimeException e) {
      return "sizes unknown: " + e;
    }
  }

  /**
   * Closes the producer, which flushes: after a failure records may wait for a shard that never
   * returns, so the close gets a bounded time and is then left to finish on its own.
   */
  @Override
  public void close() throws InterruptedException {
    Thread closer = new Thread(producer::close, "close-" + stream);
    closer.setDaemon(true);
    closer.start();
    closer.join(15_000);
    if (closer.isAlive()) {
      System.out.println(stream + ": the producer did not close within 15 s, records still unacknowledged: "
          + ledger.summary());
    }
  }
}
