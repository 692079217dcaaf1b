package io.tributary.worker.bench;

import io.tributary.worker.TaskKey;
import io.tributary.worker.exchange.ChannelSpec;
import io.tributary.worker.exchange.Delivery;
import io.tributary.worker.exchange.ExchangeEnvironment;
import io.tributary.worker.exchange.ExchangeSettings;
import io.tributary.worker.exchange.InputGate;
import io.tributary.worker.exchange.KryoCodecRegistry;
import io.tributary.worker.exchange.RecordWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Records per second from one producer thread to one consumer thread through a local channel
 * (object batches, no serialization), default batch size and queue capacity.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class LocalExchangeBenchmark {
  static final int RECORDS = 200_000;
  static final String JOB = "00000000000000000000000000000001";
  static final String ADDRESS = "127.0.0.1:1";

  @Param({"512"})
  public int batchSize;

  private ExchangeEnvironment env;
  private ExecutorService producerThread;
  private int attempt;

  @Setup(Level.Trial)
  public void setUp() {
    env = new ExchangeEnvironment(ADDRESS, new ExchangeSettings(batchSize, 4, 4, Duration.ofSeconds(30)), new KryoCodecRegistry());
    producerThread = Executors.newSingleThreadExecutor();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    producerThread.shutdownNow();
    env.close();
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long transfer() throws Exception {
    TaskKey producer = new TaskKey(JOB, 1, 0, attempt);
    InputGate gate = env.createGate(new TaskKey(JOB, 2, 0, attempt), List.of(new ChannelSpec(1, producer, 0, 0, ADDRESS)));
    attempt++;
    RecordWriter writer = env.createWriter(producer, 0, 1);
    Future<?> producing = producerThread.submit(() -> {
      for (int i = 0; i < RECORDS; i++) {
        writer.emit(Integer.valueOf(i), i, 0);
      }
      writer.finish();
      return null;
    });
    long sum = 0;
    boolean ended = false;
    while (!ended) {
      Delivery delivery = gate.poll(30, TimeUnit.SECONDS);
      sum += delivery.batch().size();
      ended = delivery.batch().endsPartition();
      gate.recycle(delivery);
    }
    producing.get(30, TimeUnit.SECONDS);
    gate.close();
    return sum;
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(LocalExchangeBenchmark.class.getSimpleName()).build()).run();
  }
}
