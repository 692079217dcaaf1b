package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.connectors.StartingPosition;
import io.tributary.api.connectors.StreamConnector;
import io.tributary.api.connectors.StreamSink;
import io.tributary.api.connectors.StreamSource;
import io.tributary.api.sinks.SinkWriter;
import io.tributary.api.sources.ConnectorContext;
import io.tributary.api.sources.InputStatus;
import io.tributary.api.sources.SourceOutput;
import io.tributary.api.sources.SourceReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivedBeforeStartTest {
  private static final long START = 10_000;
  private final StepClock clock = new StepClock();
  private final List<Object> restoredByStream = new ArrayList<>();

  @Test
  void keepsRecordsThatArrivedBeforeTheStartAndEndsAfterAQuietSpell() throws Exception {
    Deque<List<Long>> polls = new ArrayDeque<>(List.of(List.of(9_000L, 9_500L), List.of(), List.of(9_900L, 10_001L),
        List.of(10_002L)));
    SourceReader<String> reader = source().createReader(context(polls, List.of()));
    List<String> out = new ArrayList<>();

    List<InputStatus> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(reader.pollNext(collector(out)));
      clock.advance(Duration.ofMillis(400));
    }
    clock.advance(Duration.ofMillis(1_000));
    statuses.add(reader.pollNext(collector(out)));

    assertThat(out).containsExactly("9000", "9500", "9900");
    assertThat(statuses.subList(0, 4)).doesNotContain(InputStatus.END_OF_INPUT);
    assertThat(statuses.get(4)).isEqualTo(InputStatus.END_OF_INPUT);
  }

  @Test
  void keepsItsStartInCheckpointsAndHandsTheStreamReaderOnlyItsOwnState() throws Exception {
    SourceReader<String> first = source().createReader(context(new ArrayDeque<>(), List.of()));
    List<Object> state = first.snapshotState(3);
    assertThat(state).containsExactly("position", new ArrivedBeforeStart.Start(START));

    clock.advance(Duration.ofMinutes(5));
    Deque<List<Long>> polls = new ArrayDeque<>(List.of(List.of(START + 1)));
    SourceReader<String> restored = source().createReader(context(polls, state));
    List<String> out = new ArrayList<>();
    restored.pollNext(collector(out));

    assertThat(restoredByStream).containsExactly("position");
    assertThat(out).as("arrived after the original start").isEmpty();
  }

  private static ArrivedBeforeStart<String> source() {
    return new ArrivedBeforeStart<>(StreamSource.utf8("events", StartingPosition.TRIM_HORIZON), 1_000);
  }

  private static SourceOutput<String> collector(List<String> out) {
    return new SourceOutput<>() {
      @Override
      public void collect(String value) {
        out.add(value);
      }

      @Override
      public void collect(String value, long timestamp) {
        out.add(value);
      }
    };
  }

  /** A context whose stream connector returns a reader emitting arrival times as records, poll by poll. */
  private ConnectorContext context(Deque<List<Long>> polls, List<Object> restored) {
    StreamConnector connector = new StreamConnector() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> SourceReader<T> createReader(StreamSource<T> source, ConnectorContext context) {
        restoredByStream.addAll(context.restoredState());
        return new SourceReader<>() {
          @Override
          public InputStatus pollNext(SourceOutput<T> output) {
            List<Long> arrivals = polls.isEmpty() ? List.of() : polls.poll();
            arrivals.forEach(a -> output.collect((T) Long.toString(a), a));
            return arrivals.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
          }

          @Override
          public List<Object> snapshotState(long checkpointId) {
            return List.of("position");
          }
        };
      }

      @Override
      public <T> SinkWriter<T> createWriter(StreamSink<T> sink, ConnectorContext context) {
        throw new UnsupportedOperationException("no sinks here");
      }
    };
    return new ConnectorContext() {
      @Override
      public int subtaskIndex() {
        return 0;
      }

      @Override
      public int parallelism() {
        return 1;
      }

      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public ClassLoader userClassLoader() {
        return getClass().getClassLoader();
      }

      @Override
      public <C> C connector(Class<C> type) {
        return type.cast(connector);
      }

      @Override
      public List<Object> restoredState() {
        return restored;
      }
    };
  }

  /** A clock the test moves. Confined to the test's thread. */
  private static final class StepClock extends Clock {
    private long millis = START;

    void advance(Duration by) {
      millis += by.toMillis();
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
