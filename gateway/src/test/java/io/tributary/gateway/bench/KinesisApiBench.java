package io.tributary.gateway.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Measures the Kinesis-compatible endpoint the way Kinesis applications use it: several callers each
 * sending PutRecords of 500 records through the official SDK (the sync client on HTTP/1.1 or the
 * async client on HTTP/2), then optionally every shard read back with GetRecords. Prints one
 * {@code RESULT} line per phase in the form of {@code trib bench}. Each caller is confined to its
 * own thread; the SDK clients are thread-safe and shared.
 *
 * <p>Records the endpoint refuses (throttled) are sent again until every one is written, so the
 * figure is records stored per second, comparable with the native producer's.
 */
public final class KinesisApiBench {
  private static final int BATCH = 500;
  private static final int READ_LIMIT = 10_000;
  private static final double MIB = 1024.0 * 1024.0;
  private static final Duration BOUND = Duration.ofMinutes(30);

  private final BenchArgs args;
  private final byte[] payload;

  private KinesisApiBench(BenchArgs args) {
    this.args = args;
    this.payload = new byte[args.recordSize()];
    ThreadLocalRandom.current().nextBytes(payload);
  }

  public static void main(String[] argv) throws Exception {
    BenchArgs args = BenchArgs.parse(argv);
    new KinesisApiBench(args).run();
  }

  private void run() throws Exception {
    try (KinesisClient sync = configure(KinesisClient.builder()).build()) {
      if (args.async()) {
        try (KinesisAsyncClient async = configure(KinesisAsyncClient.builder()).build()) {
          produce(request -> async.putRecords(request).orTimeout(BOUND.toSeconds(), TimeUnit.SECONDS).join());
        }
      } else {
        produce(sync::putRecords);
      }
      if (args.read()) {
        readBack(sync);
      }
    }
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
    return builder.endpointOverride(URI.create(args.endpoint())).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")));
  }

  private void produce(Function<PutRecordsRequest, PutRecordsResponse> putRecords) throws Exception {
    long start = System.nanoTime();
    long written = inParallel(args.callers(), caller -> {
      long share = args.records() / args.callers() + (caller < args.records() % args.callers() ? 1 : 0);
      return produceShare(putRecords, share);
    });
    System.out.println(result("put " + (args.async() ? "async-h2" : "sync-h1"), written, start));
  }

  private long produceShare(Function<PutRecordsRequest, PutRecordsResponse> putRecords, long share) {
    SdkBytes data = SdkBytes.fromByteArrayUnsafe(payload);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long written = 0;
    while (written < share) {
      int size = (int) Math.min(BATCH, share - written);
      List<PutRecordsRequestEntry> batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        batch.add(PutRecordsRequestEntry.builder().partitionKey(Long.toHexString(random.nextLong())).data(data).build());
      }
      while (!batch.isEmpty()) {
        PutRecordsRequest request = PutRecordsRequest.builder().streamName(args.stream()).records(batch).build();
        batch = refused(batch, putRecords.apply(request));
      }
      written += size;
    }
    return written;
  }

  private static List<PutRecordsRequestEntry> refused(List<PutRecordsRequestEntry> sent, PutRecordsResponse response) {
    if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
      return List.of();
    }
    List<PutRecordsRequestEntry> again = new ArrayList<>(response.failedRecordCount());
    for (int i = 0; i < sent.size(); i++) {
      if (response.records().get(i).errorCode() != null) {
        again.add(sent.get(i));
      }
    }
    return again;
  }

  /** Reads each shard from its start to its end, one thread per shard. */
  private void readBack(KinesisClient kinesis) throws Exception {
    List<Shard> shards = kinesis.listShards(r -> r.streamName(args.stream())).shards();
    long start = System.nanoTime();
    long read = inParallel(shards.size(), i -> readShard(kinesis, shards.get(i).shardId()));
    System.out.println(result("get", read, start));
  }

  private long readShard(KinesisClient kinesis, String shardId) {
    String iterator = kinesis.getShardIterator(r -> r.streamName(args.stream()).shardId(shardId)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    long read = 0;
    while (iterator != null) {
      String current = iterator;
      GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(READ_LIMIT));
      List<Record> records = page.records();
      read += records.size();
      if (records.isEmpty() && page.millisBehindLatest() != null && page.millisBehindLatest() == 0) {
        break;
      }
      iterator = page.nextShardIterator();
    }
    return read;
  }

  private static long inParallel(int tasks, Function<Integer, Long> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks);
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        int index = i;
        futures.add(pool.submit(() -> task.apply(index)));
      }
      long total = 0;
      for (Future<Long> f : futures) {
        total += f.get(BOUND.toMinutes(), TimeUnit.MINUTES);
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  private String result(String phase, long records, long startNanos) {
    double seconds = Math.max(System.nanoTime() - startNanos, 1) / 1e9;
    return String.format(Locale.ROOT, "RESULT phase=%s records=%d seconds=%.3f records_per_s=%.1f mb_per_s=%.2f",
        phase, records, seconds, records / seconds, records * (double) args.recordSize() / MIB / seconds);
  }
}
