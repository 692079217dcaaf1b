package io.tributary.client.internal;

import com.google.protobuf.UnsafeByteOperations;
import io.tributary.client.PutRecord;
import io.tributary.client.PutResult;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.StreamNames;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.PutRecordsEntry;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.PutRecordsResponse;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.ShardPutResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kinesis PutRecords: checks the request, routes each record to its shard, sends one request per
 * leader broker in parallel, and answers per record in input order. Thread-safe (stateless apart
 * from its collaborators). One attempt only: retrying is the caller's choice, as in Kinesis.
 */
public final class PutRecordsCall {
  private final ShardMaps maps;
  private final BrokerStubs brokers;

  public PutRecordsCall(ShardMaps maps, BrokerStubs brokers) {
    this.maps = maps;
    this.brokers = brokers;
  }

  /** The request entry for a record; the data array is wrapped, not copied. */
  public static PutRecordsEntry entry(String partitionKey, byte[] data, String explicitHashKey) {
    PutRecordsEntry.Builder b =
        PutRecordsEntry.newBuilder().setPartitionKey(partitionKey).setData(UnsafeByteOperations.unsafeWrap(data));
    if (explicitHashKey != null) {
      b.setExplicitHashKey(explicitHashKey);
    }
    return b.build();
  }

  /** The record's hash key: its explicit one, or the MD5 of its partition key. */
  public static HashKey hashKey(String partitionKey, String explicitHashKey) {
    return explicitHashKey != null ? HashKey.parse(explicitHashKey) : HashKey.ofPartitionKey(partitionKey);
  }

  public List<PutResult> put(String stream, List<PutRecord> records, Acks acks) {
    StreamNames.validate(stream);
    RecordChecks.checkRequest(records);
    HashKey[] keys = new HashKey[records.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = hashKey(records.get(i).partitionKey(), records.get(i).explicitHashKey());
    }
    ShardMap map = maps.get(stream);
    PutResult[] results = new PutResult[records.size()];
    Map<String, Map<Integer, List<Integer>>> byBroker = route(map, keys, results);
    if (Arrays.stream(results).anyMatch(r -> r != null)) {
      maps.invalidate(stream, map);
    }
    List<Sent> sent = new ArrayList<>();
    byBroker.forEach((address, byShard) -> sent.add(send(stream, records, acks, map, address, byShard)));
    for (Sent s : sent) {
      collect(s, map, results);
    }
    return List.of(results);
  }

  private static Map<String, Map<Integer, List<Integer>>> route(ShardMap map, HashKey[] keys, PutResult[] results) {
    Map<String, Map<Integer, List<Integer>>> byBroker = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      int shard = map.route(keys[i]);
      if (shard < 0) {
        results[i] = PutResult.failed(null, ErrorCode.UNAVAILABLE,
            "no open shard of stream '" + map.stream() + "' covers hash key " + keys[i] + "; it is being resharded, retry");
      } else if (map.leader(shard) == null) {
        results[i] = PutResult.failed(map.shardId(shard), ErrorCode.UNAVAILABLE,
            "shard '" + map.shardId(shard) + "' has no live leader broker right now; retry shortly");
      } else {
        byBroker.computeIfAbsent(map.leader(shard), a -> new LinkedHashMap<>())
            .computeIfAbsent(shard, s -> new ArrayList<>())
            .add(i);
      }
    }
    return byBroker;
  }

  private Sent send(String stream, List<PutRecord> records, Acks acks, ShardMap map, String address,
      Map<Integer, List<Integer>> byShard) {
    PutRecordsRequest.Builder request = PutRecordsRequest.newBuilder().setStream(stream).setAcks(acks);
    List<List<Integer>> order = new ArrayList<>();
    byShard.forEach((shard, indexes) -> {
      ShardPut.Builder put = ShardPut.newBuilder().setShardId(map.shardId(shard));
      for (int i : indexes) {
        PutRecord r = records.get(i);
        put.addRecords(entry(r.partitionKey(), r.data(), r.explicitHashKey()));
      }
      request.addShards(put);
      order.add(indexes);
    });
    PutRecordsRequest built = request.build();
    UnaryFuture<PutRecordsResponse> answer = new UnaryFuture<>();
    try {
      brokers.async(address).putRecords(built, answer);
    } catch (RuntimeException e) {
      answer.onError(e);
    }
    return new Sent(address, built.getShardsList(), order, answer);
  }

  private void collect(Sent sent, ShardMap map, PutResult[] results) {
    TributaryException failure;
    try {
      PutRecordsResponse response =
          sent.answer.get(brokers.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
      if (fill(sent, response, results)) {
        maps.invalidate(map.stream(), map);
      }
      return;
    } catch (ExecutionException e) {
      failure = (TributaryException) e.getCause();
    } catch (TimeoutException e) {
      failure = new TributaryException(ErrorCode.UNAVAILABLE, "broker " + sent.address + " did not answer in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TributaryException(ErrorCode.UNAVAILABLE, "interrupted while waiting for broker " + sent.address, e);
    }
    if (failure.code() == ErrorCode.RESOURCE_NOT_FOUND) {
      failure = notServedYet(map.stream(), sent.address, failure);
    }
    if (!failure.retryable()) {
      throw failure;
    }
    if (movedShard(failure.code())) {
      maps.invalidate(map.stream(), map);
    }
    if (failure.code() == ErrorCode.UNAVAILABLE) {
      brokers.reconnect(sent.address);
    }
    for (int s = 0; s < sent.order.size(); s++) {
      String shardId = sent.shards.get(s).getShardId();
      for (int i : sent.order.get(s)) {
        results[i] = PutResult.failed(shardId, failure.code(), failure.getMessage());
      }
    }
  }

  /**
   * A broker that does not know the stream may just not have seen it yet (it was created a moment
   * ago): asks the coordinators, which throw if the stream is really gone, and otherwise reports a
   * retryable Unavailable.
   */
  private TributaryException notServedYet(String stream, String address, TributaryException brokerSaid) {
    maps.refresh(stream);
    return new TributaryException(
        ErrorCode.UNAVAILABLE,
        "broker " + address + " does not serve stream '" + stream + "' yet (" + brokerSaid.getMessage() + "); retry",
        brokerSaid);
  }

  /** Fills the records' results; true when a broker said the map is stale. */
  private static boolean fill(Sent sent, PutRecordsResponse response, PutResult[] results) {
    boolean stale = false;
    for (int s = 0; s < sent.order.size(); s++) {
      String shardId = sent.shards.get(s).getShardId();
      List<Integer> indexes = sent.order.get(s);
      ShardPutResult r = s < response.getResultsCount() ? response.getResults(s) : null;
      int accepted = r == null ? 0 : Math.min(r.getAccepted(), indexes.size());
      for (int k = 0; k < indexes.size(); k++) {
        results[indexes.get(k)] = k < accepted
            ? PutResult.ok(shardId, r.getFirstSequenceNumber() + k)
            : failed(shardId, r);
      }
      stale |= r != null && accepted < indexes.size() && movedShard(ErrorCode.fromShortName(r.getError().getCode()));
    }
    return stale;
  }

  /** Whether an error means the shard map is out of date. */
  static boolean movedShard(ErrorCode code) {
    return ShardFailures.refreshesMap(code);
  }

  private static PutResult failed(String shardId, ShardPutResult r) {
    if (r == null || !r.hasError()) {
      return PutResult.failed(shardId, ErrorCode.INTERNAL, "the broker answered without a result for this record");
    }
    return PutResult.failed(shardId, ErrorCode.fromShortName(r.getError().getCode()), r.getError().getMessage());
  }

  private record Sent(String address, List<ShardPut> shards, List<List<Integer>> order,
      UnaryFuture<PutRecordsResponse> answer) {}
}
