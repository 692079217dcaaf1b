package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.Configuration;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.GetRecordsRequest;
import io.tributary.proto.v1.GetRecordsResponse;
import io.tributary.proto.v1.GetShardIteratorRequest;
import io.tributary.proto.v1.GetShardStatsRequest;
import io.tributary.proto.v1.IteratorType;
import io.tributary.proto.v1.PutRecordsEntry;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.PutRecordsResponse;
import io.tributary.proto.v1.ShardDataGrpc;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.StartingPosition;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** A broker under test with a channel to it, and helpers to call it. */
public final class BrokerFixture implements AutoCloseable {
  private static final Duration LEADING_BOUND = Duration.ofSeconds(20);
  private final BrokerServer broker;
  private final ManagedChannel channel;
  private final ShardDataGrpc.ShardDataBlockingStub stub;

  private BrokerFixture(BrokerServer broker) {
    this.broker = broker;
    this.channel = GrpcChannels.forAddress(broker.address());
    this.stub = ShardDataGrpc.newBlockingStub(channel);
  }

  /** Starts broker {@code id} with quotas off, minutely roll cycles, and {@code overrides} on top. */
  public static BrokerFixture start(
      String zookeeper, String cluster, int id, Path dir, Clock clock, Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>();
    settings.put(BrokerConfig.ID.name(), String.valueOf(id));
    settings.put(CommonKeys.ZOOKEEPER.name(), zookeeper);
    settings.put(CommonKeys.CLUSTER.name(), cluster);
    settings.put(CommonKeys.DIR.name(), dir.toString());
    settings.put(BrokerConfig.ROLL_CYCLE.name(), "minutely");
    settings.put(BrokerConfig.QUOTA_ENABLED.name(), "false");
    settings.put(BrokerConfig.HEARTBEAT_INTERVAL.name(), "200ms");
    settings.putAll(overrides);
    return new BrokerFixture(BrokerServer.start(new BrokerConfig(Configuration.of(settings)), clock));
  }

  public BrokerServer broker() {
    return broker;
  }

  public ManagedChannel channel() {
    return channel;
  }

  public ShardDataGrpc.ShardDataBlockingStub stub() {
    return stub;
  }

  /** Whether the broker leads {@code shards} shards of {@code stream}. */
  public boolean leads(String stream, int shards) {
    try {
      return stub.getShardStats(GetShardStatsRequest.newBuilder().setStream(stream).build()).getShardsCount() == shards;
    } catch (StatusRuntimeException e) {
      return false;
    }
  }

  /** Waits until the broker leads {@code shards} shards of {@code stream}, as it does soon after they are created. */
  public void awaitLeading(String stream, int shards) {
    await().atMost(LEADING_BOUND).until(() -> leads(stream, shards));
  }

  public PutRecordsResponse put(String stream, String shardId, String... keysAndValues) {
    ShardPut.Builder put = ShardPut.newBuilder().setShardId(shardId);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      put.addRecords(entry(keysAndValues[i], keysAndValues[i + 1]));
    }
    return stub.putRecords(PutRecordsRequest.newBuilder().setStream(stream).addShards(put).build());
  }

  /** Puts {@code values} (keys {@code k<i>}) as producer sequences from {@code firstProducerSequence} on. */
  public PutRecordsResponse putIdempotent(
      String stream, String shardId, long producerId, long firstProducerSequence, String... values) {
    ShardPut.Builder put = ShardPut.newBuilder().setShardId(shardId).setFirstProducerSequence(firstProducerSequence);
    for (int i = 0; i < values.length; i++) {
      put.addRecords(entry("k" + i, values[i]));
    }
    return stub.putRecords(
        PutRecordsRequest.newBuilder().setStream(stream).setProducerId(producerId).addShards(put).build());
  }

  public static PutRecordsEntry entry(String key, String value) {
    return PutRecordsEntry.newBuilder().setPartitionKey(key).setData(ByteString.copyFromUtf8(value)).build();
  }

  public String iterator(String stream, String shardId, IteratorType type, long sequence, long timestamp) {
    return stub.getShardIterator(
            GetShardIteratorRequest.newBuilder()
                .setStream(stream)
                .setShardId(shardId)
                .setPosition(StartingPosition.newBuilder().setType(type).setSequenceNumber(sequence)
                    .setTimestampMillis(timestamp))
                .build())
        .getShardIterator();
  }

  public String trimHorizon(String stream, String shardId) {
    return iterator(stream, shardId, IteratorType.TRIM_HORIZON, 0, 0);
  }

  public GetRecordsResponse get(String iterator, int limit) {
    return stub.getRecords(GetRecordsRequest.newBuilder().setShardIterator(iterator).setLimit(limit).build());
  }

  /** Asserts that {@code call} fails with the status, error name and message part given. */
  public static void assertFails(ThrowingCallable call, Status.Code status, ErrorCode error, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(status);
              assertThat(e.getTrailers().get(GrpcErrors.ERROR_CODE)).isEqualTo(error.shortName());
              assertThat(e.getStatus().getDescription()).contains(messagePart);
            });
  }

  @Override
  public void close() {
    broker.close();
    GrpcChannels.close(channel);
  }
}
