package io.tributary.worker.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.operators.Timestamps;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KryoElementCodecTest {
  private final KryoElementCodec codec = new KryoElementCodec(getClass().getClassLoader());

  record Click(String page, long userId, int durationMs) {}

  record Session(String user, List<Click> clicks, Map<String, Integer> counts, Click first) {}

  /** A POJO with a no-arg constructor. */
  static final class Counter {
    String name;
    long count;

    Counter() {}

    Counter(String name, long count) {
      this.name = name;
      this.count = count;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Counter c && Objects.equals(name, c.name) && count == c.count;
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, count);
    }
  }

  /** A POJO without a no-arg constructor, whose constructor would reject a null name. */
  static final class Point {
    final String name;
    final double x;

    Point(String name, double x) {
      this.name = Objects.requireNonNull(name);
      this.x = x;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Point p && name.equals(p.name) && x == p.x;
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, x);
    }
  }

  @Test
  void roundTripsRecordsPojosStringsPrimitivesCollectionsAndNulls() {
    List<Object> values = new ArrayList<>(List.of(
        new Click("/home", 42L, 1500),
        new Counter("clicks", 7L),
        new Point("p", 1.5),
        "text with ünïcödé",
        "",
        123L,
        Long.MIN_VALUE,
        -5,
        Integer.MAX_VALUE,
        3.25d,
        true,
        (short) 3,
        'c',
        new ArrayList<>(List.of("a", "b")),
        List.of(1, 2, 3),
        new HashMap<>(Map.of("k", 1L)),
        Map.of("a", "b"),
        Arrays.asList("x", "y"),
        new Session("u1", List.of(new Click("/a", 1, 2), new Click("/b", 3, 4)), Map.of("a", 2), null),
        new Click("/again", 1L, 1)));
    values.add(null);
    ElementBatch batch = new ElementBatch(values.size());
    for (int i = 0; i < values.size(); i++) {
      batch.addRecord(values.get(i), i % 2 == 0 ? Timestamps.NONE : 1_000L * i);
    }

    ElementBatch decoded = codec.decode(codec.encode(batch));

    assertThat(decoded.size()).isEqualTo(values.size());
    for (int i = 0; i < values.size(); i++) {
      assertThat(decoded.kind(i)).isEqualTo(ElementBatch.RECORD);
      assertThat(decoded.value(i)).as("value %d", i).isEqualTo(values.get(i));
      assertThat(decoded.timestamp(i)).isEqualTo(batch.timestamp(i));
    }
    assertThat(decoded.value(1)).isInstanceOf(Counter.class);
  }

  @Test
  void roundTripsControlEvents() {
    ElementBatch batch = new ElementBatch(6);
    batch.addEvent(ElementBatch.WATERMARK, -3L);
    batch.addEvent(ElementBatch.WATERMARK, Long.MAX_VALUE);
    batch.addEvent(ElementBatch.IDLE, 0L);
    batch.addEvent(ElementBatch.ACTIVE, 0L);
    batch.addRecord("r", 5L);
    batch.addEvent(ElementBatch.END_OF_PARTITION, 0L);

    ElementBatch decoded = codec.decode(codec.encode(batch));

    assertThat(decoded.size()).isEqualTo(6);
    assertThat(decoded.kind(0)).isEqualTo(ElementBatch.WATERMARK);
    assertThat(decoded.timestamp(0)).isEqualTo(-3L);
    assertThat(decoded.timestamp(1)).isEqualTo(Long.MAX_VALUE);
    assertThat(decoded.kind(2)).isEqualTo(ElementBatch.IDLE);
    assertThat(decoded.kind(3)).isEqualTo(ElementBatch.ACTIVE);
    assertThat(decoded.value(4)).isEqualTo("r");
    assertThat(decoded.endsPartition()).isTrue();
  }

  @Test
  void roundTripsCheckpointBarriersWithTheirTarget() {
    ElementBatch batch = new ElementBatch(3);
    batch.addRecord("before", 1L);
    batch.addBarrier(new CheckpointBarrier(42L, 1_700L, "/ckpt/job/chk-42", false));
    batch.addBarrier(new CheckpointBarrier(43L, 1_800L, "/savepoints/sp-43", true));

    ElementBatch decoded = codec.decode(codec.encode(batch));

    assertThat(decoded.kind(1)).isEqualTo(ElementBatch.BARRIER);
    assertThat(decoded.timestamp(1)).isEqualTo(42L);
    assertThat(decoded.barrier(1)).isEqualTo(new CheckpointBarrier(42L, 1_700L, "/ckpt/job/chk-42", false));
    assertThat(decoded.barrier(2)).isEqualTo(new CheckpointBarrier(43L, 1_800L, "/savepoints/sp-43", true));
    assertThat(decoded.value(0)).isEqualTo("before");
  }

  @Test
  void namesEachClassOncePerBatch() {
    ElementBatch one = new ElementBatch(1);
    one.addRecord(new Click("/p", 1L, 1), 0L);
    ElementBatch many = new ElementBatch(100);
    for (int i = 0; i < 100; i++) {
      many.addRecord(new Click("/p", 1L, 1), 0L);
    }
    int perRecordAfterTheFirst = (codec.encode(many).length - codec.encode(one).length) / 99;
    int className = Click.class.getName().length();

    assertThat(perRecordAfterTheFirst).isLessThan(className);
  }

  @Test
  void decodesClassesOfTheJobClassLoader(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("src/jobpkg/Order.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package jobpkg; public record Order(String id, long cents) {}", StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler.run(null, null, null, "-d", classes.toString(), source.toString())).isZero();

    try (URLClassLoader jobLoader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> orderClass = jobLoader.loadClass("jobpkg.Order");
      Object order = orderClass.getConstructor(String.class, long.class).newInstance("o-1", 250L);
      ElementBatch batch = new ElementBatch(1);
      batch.addRecord(order, 9L);
      KryoElementCodec jobCodec = new KryoElementCodec(jobLoader);

      ElementBatch decoded = jobCodec.decode(jobCodec.encode(batch));

      assertThat(decoded.value(0)).isEqualTo(order);
      assertThat(decoded.value(0).getClass()).isSameAs(orderClass);
      byte[] bytes = jobCodec.encode(batch);
      assertThatThrownBy(() -> codec.decode(bytes))
          .isInstanceOf(ExchangeException.class)
          .hasMessageContaining("jobpkg.Order");
    }
  }

  @Test
  void encodesFromManyThreadsAtOnce() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      int id = t;
      threads.add(new Thread(() -> {
        try {
          for (int round = 0; round < 200; round++) {
            ElementBatch batch = new ElementBatch(10);
            for (int i = 0; i < 10; i++) {
              batch.addRecord(new Click("/t" + id, round, i), i);
            }
            ElementBatch decoded = codec.decode(codec.encode(batch));
            assertThat(decoded.value(9)).isEqualTo(new Click("/t" + id, round, 9));
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join(30_000);
    }
    assertThat(failures).isEmpty();
  }
}
