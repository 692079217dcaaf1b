package io.tributary.worker.bench;

import io.tributary.worker.exchange.ElementBatch;
import io.tributary.worker.exchange.KryoElementCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Records per second through the Kryo codec, one batch of 512 per operation. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class KryoCodecBenchmark {
  static final int BATCH = 512;

  /** A typical small event: a record with a string and two numbers. */
  public record Click(String page, long userId, int durationMs) {}

  @Param({"record", "string", "long"})
  public String type;

  private KryoElementCodec codec;
  private ElementBatch batch;
  private byte[] encoded;

  @Setup
  public void setUp() {
    codec = new KryoElementCodec(KryoCodecBenchmark.class.getClassLoader());
    batch = new ElementBatch(BATCH);
    for (int i = 0; i < BATCH; i++) {
      Object value = switch (type) {
        case "record" -> new Click("/page/" + (i % 50), 1_000_000L + i, i * 7);
        case "string" -> "the quick brown fox " + i;
        default -> (long) i * 1_000_003L;
      };
      batch.addRecord(value, 1_700_000_000_000L + i);
    }
    encoded = codec.encode(batch);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public byte[] encode() {
    return codec.encode(batch);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public ElementBatch decode() {
    return codec.decode(encoded);
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(KryoCodecBenchmark.class.getSimpleName()).build()).run();
  }
}
