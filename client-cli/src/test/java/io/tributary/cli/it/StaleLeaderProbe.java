package io.tributary.cli.it;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.GetShardIteratorRequest;
import io.tributary.proto.v1.IteratorType;
import io.tributary.proto.v1.PutRecordsEntry;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.PutRecordsResponse;
import io.tributary.proto.v1.ShardDataGrpc;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.ShardPutResult;
import io.tributary.proto.v1.StartingPosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes straight to one broker through a raw ShardData stub, past the client's routing: the way
 * a producer with a stale shard map reaches a leader that was deposed while it was paused. Every
 * record it sends is forbidden in the ledger (it must never become readable), and every answer is
 * kept for the test to judge. Thread-safe.
 */
final class StaleLeaderProbe implements AutoCloseable {
  /** What the broker answered one probe write. Immutable. */
  record Answer(String id, Acks acks, boolean accepted, String detail) {}

  private final ManagedChannel channel;
  private final ShardDataGrpc.ShardDataBlockingStub blocking;
  private final ShardDataGrpc.ShardDataFutureStub async;
  private final String stream;
  private final String shardId;
  private final String key;
  private final AckedLedger ledger;
  private int sent;

  StaleLeaderProbe(String brokerAddress, String stream, String shardId, String key, AckedLedger ledger) {
    this.channel = GrpcChannels.forAddress(brokerAddress);
    this.blocking = ShardDataGrpc.newBlockingStub(channel);
    this.async = ShardDataGrpc.newFutureStub(channel);
    this.stream = stream;
    this.shardId = shardId;
    this.key = key;
    this.ledger = ledger;
  }

  /** Opens the connection with a read, so that later writes need no handshake with a paused process. */
  void connect() {
    blocking.withDeadlineAfter(20, TimeUnit.SECONDS).getShardIterator(GetShardIteratorRequest.newBuilder()
        .setStream(stream).setShardId(shardId)
        .setPosition(StartingPosition.newBuilder().setType(IteratorType.LATEST)).build());
  }

  /** Sends one write now; its answer arrives when the broker gives one. */
  synchronized Pending send(Acks acks) {
    String id = "stale-" + sent++;
    ledger.forbidden(id, key, "not answered");
    PutRecordsRequest request = PutRecordsRequest.newBuilder()
        .setStream(stream)
        .setAcks(acks)
        .addShards(ShardPut.newBuilder().setShardId(shardId).addRecords(PutRecordsEntry.newBuilder()
            .setPartitionKey(key).setData(ByteString.copyFrom(id, StandardCharsets.UTF_8))))
        .build();
    return new Pending(id, acks, async.withDeadlineAfter(30, TimeUnit.SECONDS).putRecords(request));
  }

  /** A probe write in flight. */
  record Pending(String id, Acks acks, Future<PutRecordsResponse> response) {}

  /** Waits (bounded) for the answers of {@code pending}, in order. */
  List<Answer> answers(List<Pending> pending) throws InterruptedException {
    List<Answer> answers = new ArrayList<>();
    for (Pending p : pending) {
      Answer a = answer(p);
      ledger.forbidden(p.id(), key, (a.accepted() ? "ACCEPTED " : "refused ") + a.detail());
      answers.add(a);
    }
    return answers;
  }

  private static Answer answer(Pending p) throws InterruptedException {
    try {
      ShardPutResult r = p.response().get(40, TimeUnit.SECONDS).getResults(0);
      boolean accepted = r.getAccepted() > 0;
      String detail = accepted ? "at " + r.getFirstSequenceNumber() : r.getError().getCode() + ": " + r.getError().getMessage();
      return new Answer(p.id(), p.acks(), accepted, detail);
    } catch (ExecutionException e) {
      String detail = e.getCause() instanceof StatusRuntimeException s ? s.getStatus() + " " + s.getTrailers() : e.getCause().toString();
      return new Answer(p.id(), p.acks(), false, detail);
    } catch (TimeoutException e) {
      return new Answer(p.id(), p.acks(), false, "no answer within 40 s");
    }
  }

  @Override
  public void close() {
    GrpcChannels.close(channel);
  }
}
